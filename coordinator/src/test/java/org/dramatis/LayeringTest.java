package org.dramatis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.dramatis.engine.Simulation;
import org.junit.jupiter.api.Test;

/**
 * The layering the code promises: no two packages import each other (directly or round a
 * loop), and nothing in the node module (engine, components, DRAM) imports the coordinator's
 * packages above it (topology, mapping, run, CLI, report).
 */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dramatis");

    @Test
    void noPackageCycles() {
        slices().matching("org.dramatis.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theNodeModuleImportsNothingAboveIt() {
        String nodeJar = Simulation.class.getProtectionDomain().getCodeSource().getLocation().toString();
        Set<String> node = new TreeSet<>();
        Set<String> above = new TreeSet<>();
        for (JavaClass c : MAIN) {
            if (c.getPackageName().startsWith("org.dramatis.proto")) continue;
            String where = c.getSource().map(s -> s.getUri().toString()).orElse("");
            (where.startsWith(nodeJar) || where.contains(nodeJar.replaceFirst("^file:", "")) ? node : above)
                    .add(c.getPackageName());
        }
        above.removeAll(node);
        assertFalse(node.isEmpty() || above.isEmpty(), "node packages " + node + ", above " + above);
        noClasses().that().resideInAnyPackage(node.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                .check(MAIN);
    }
}
