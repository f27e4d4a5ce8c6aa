package org.dramatis.cluster;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.ConfigValidation;
import org.apache.pekko.cluster.Invalid;
import org.apache.pekko.cluster.JoinConfigCompatChecker;
import org.apache.pekko.cluster.Valid$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Refuses a member whose Dramatis version or wire protocol differs from the cluster's: its
 * components, Kryo class ids or protobuf messages might not match. Pekko runs it on join, on both
 * sides; the refused member shuts down (see {@code NodeCommand}).
 */
public final class VersionCheck extends JoinConfigCompatChecker {

    private static final List<String> KEYS = List.of("dramatis.version", "dramatis.protocol");

    @Override
    public scala.collection.immutable.Seq<String> requiredKeys() {
        return CollectionConverters.asScala(KEYS).toList();
    }

    @Override
    public ConfigValidation check(Config toCheck, Config actual) {
        List<String> errors = new ArrayList<>();
        for (String k : KEYS) {
            String theirs = toCheck.hasPath(k) ? toCheck.getValue(k).unwrapped().toString() : "none";
            String ours = actual.hasPath(k) ? actual.getValue(k).unwrapped().toString() : "none";
            if (!theirs.equals(ours)) errors.add(k + " is " + theirs + ", the cluster runs " + ours);
        }
        return errors.isEmpty() ? Valid$.MODULE$ : Invalid.apply(CollectionConverters.asScala(errors).toList());
    }
}
