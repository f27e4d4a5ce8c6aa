package org.dramatis.synthetic;

import java.util.SplittableRandom;
import org.dramatis.engine.Component;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;

/**
 * A synthetic component that passes tokens: it starts {@code tokens} of them and forwards every
 * token it receives, while hops remain, to one of its output ports drawn from its own seeded
 * random stream, after a drawn processing delay (up to {@code maxDelayPs}). With one output port
 * and no delay it is a ring stage. Used by the engine demo, the determinism tests and the engine
 * benchmark.
 */
public final class TokenNode implements Component {

    /** A token in flight: hops it may still take, and its size on the wire. */
    public record Token(int hopsLeft, long bytes) {}

    private final SplittableRandom random;
    private final int tokens;
    private final int hops;
    private final long maxDelayPs;
    private final long tokenBytes;
    private final double pjPerToken;
    private long received;
    private long checksum = 17;
    private double energyPj;
    private long lastPs = -1;

    public TokenNode(long seed, int tokens, int hops, long maxDelayPs, long tokenBytes, double pjPerToken) {
        this.random = new SplittableRandom(seed);
        this.tokens = tokens;
        this.hops = hops;
        this.maxDelayPs = maxDelayPs;
        this.tokenBytes = tokenBytes;
        this.pjPerToken = pjPerToken;
    }

    @Override
    public String kind() {
        return "token_node";
    }

    @Override
    public void start(Context ctx) {
        for (int i = 0; i < tokens; i++) forward(ctx, new Token(hops, tokenBytes));
    }

    @Override
    public void receive(Context ctx, int inPort, Object payload) {
        if (ctx.now() < lastPs) throw new IllegalStateException(ctx.name() + " went back in time");
        lastPs = ctx.now();
        received++;
        energyPj += pjPerToken;
        Token t = (Token) payload;
        checksum = checksum * 31 + ctx.now() * 7 + inPort * 13L + t.hopsLeft();
        if (t.hopsLeft() > 0) forward(ctx, new Token(t.hopsLeft() - 1, t.bytes()));
    }

    private void forward(Context ctx, Token t) {
        int ports = ctx.outPortCount();
        if (ports == 0) return;
        int port = ports == 1 ? 0 : random.nextInt(ports);
        long delay = maxDelayPs == 0 ? 0 : random.nextLong(maxDelayPs + 1);
        ctx.sendAt(ctx.now() + delay, port, t, t.bytes());
    }

    @Override
    public void report(Stats stats) {
        stats.count("received", received).count("checksum", checksum).energy("compute", energyPj);
    }
}
