package org.dramatis.synthetic;

import org.dramatis.engine.AtLeast;
import org.dramatis.engine.Component;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.SeededRandom;
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

    /**
     * @param seed        seed of this node's random stream
     * @param tokens      tokens started at time 0
     * @param hops        hops each token travels
     * @param maxDelayPs  largest processing delay before forwarding
     * @param tokenBytes  size of a token on the wire
     * @param pjPerToken  energy charged per token handled
     */
    public record Params(long seed, @AtLeast(0) int tokens, @AtLeast(0) int hops, @AtLeast(0) long maxDelayPs,
                         @AtLeast(0) long tokenBytes, double pjPerToken) implements ComponentParams {}

    private final Params p;
    private final SeededRandom random;
    private long received;
    private long checksum = 17;
    private double energyPj;
    private long lastPs = -1;

    public TokenNode(Params p) {
        this.p = p;
        this.random = new SeededRandom(p.seed());
    }

    @Override
    public String kind() {
        return "token_node";
    }

    @Override
    public void start(Context ctx) {
        for (int i = 0; i < p.tokens(); i++) forward(ctx, new Token(p.hops(), p.tokenBytes()));
    }

    @Override
    public void receive(Context ctx, int inPort, Object payload) {
        if (ctx.now() < lastPs) throw new IllegalStateException(ctx.name() + " went back in time");
        lastPs = ctx.now();
        received++;
        energyPj += p.pjPerToken();
        Token t = (Token) payload;
        checksum = checksum * 31 + ctx.now() * 7 + inPort * 13L + t.hopsLeft();
        if (t.hopsLeft() > 0) forward(ctx, new Token(t.hopsLeft() - 1, t.bytes()));
    }

    private void forward(Context ctx, Token t) {
        int ports = ctx.outPortCount();
        if (ports == 0) return;
        int port = ports == 1 ? 0 : random.nextInt(ports);
        long delay = p.maxDelayPs() == 0 ? 0 : random.nextLong(p.maxDelayPs() + 1);
        ctx.sendAt(ctx.now() + delay, port, t, t.bytes());
    }

    @Override
    public void report(Stats stats) {
        stats.count("received", received).count("checksum", checksum).energy("compute", energyPj);
    }
}
