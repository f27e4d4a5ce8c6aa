package org.dramatis.engine;

import java.util.ArrayList;
import java.util.List;

/** Small components for engine tests. Each checks causality itself on every event. */
final class TestComponents {

    private TestComponents() {}

    /** Base that fails if it ever handles an event earlier than one it already handled. */
    abstract static class Checked implements Component {
        long last = -1;

        final void check(Context ctx) {
            if (ctx.now() < last) throw new AssertionError(ctx.name() + " went back in time: " + ctx.now() + " < " + last);
            last = ctx.now();
        }
    }

    /** Sends {@code count} messages of {@code bytes} on port "out" at time 0. */
    static final class Source extends Checked {
        final int count;
        final long bytes;

        Source(int count, long bytes) {
            this.count = count;
            this.bytes = bytes;
        }

        @Override
        public String kind() {
            return "source";
        }

        @Override
        public void start(Context ctx) {
            int out = ctx.outPort("out");
            for (int i = 0; i < count; i++) ctx.send(out, i, bytes);
        }

        @Override
        public void receive(Context ctx, int inPort, Object payload) {
            check(ctx);
        }

        @Override
        public void report(Stats stats) {}
    }

    /** Forwards every message on "out" with the same size, after {@code delayPs} of processing. */
    static final class Relay extends Checked {
        final long delayPs;
        final long bytes;

        Relay(long delayPs, long bytes) {
            this.delayPs = delayPs;
            this.bytes = bytes;
        }

        @Override
        public String kind() {
            return "relay";
        }

        @Override
        public void receive(Context ctx, int inPort, Object payload) {
            check(ctx);
            ctx.sendAt(ctx.now() + delayPs, ctx.outPort("out"), payload, bytes);
        }

        @Override
        public void report(Stats stats) {}
    }

    /** Records what arrives, and when. */
    static final class Sink extends Checked {
        final List<Long> times = new ArrayList<>();
        final List<Object> payloads = new ArrayList<>();

        @Override
        public String kind() {
            return "sink";
        }

        @Override
        public void receive(Context ctx, int inPort, Object payload) {
            check(ctx);
            times.add(ctx.now());
            payloads.add(payload);
        }

        @Override
        public void report(Stats stats) {
            stats.count("received", times.size());
        }
    }
}
