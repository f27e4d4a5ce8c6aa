package org.dramatis.engine;

/**
 * A simulated hardware component: an actor in the model. It owns its state, and changes it only
 * when it handles a timed message that arrived on one of its input ports or one of its own
 * scheduled wake-ups. It never reads the wall clock and never touches another component.
 *
 * <p>Components are hosted by a {@link Partition}, which delivers their events in timestamp
 * order; the partition is the Pekko actor (see DESIGN notes in README for why).
 */
public interface Component {

    /** The component kind, in the domain's words ({@code bank}, {@code cim_tile}, {@code router}). */
    String kind();

    /** Called once at time 0, before any event; resolve ports and schedule initial work here. */
    default void start(Context ctx) {}

    /**
     * Handles one event. {@code inPort} is the index of the input port the message arrived on
     * (see {@link Context#inPortName(int)}), or {@link Context#SELF} for a wake-up scheduled with
     * {@link Context#wakeAfter}.
     */
    void receive(Context ctx, int inPort, Object payload);

    /** Called once after the run; report counters and energy (pJ) accumulated so far. */
    void report(Stats stats);

    /**
     * Called on a component just restored from a checkpoint, with {@code built}: the same
     * component as the graph built it afresh from the same parameters. A component whose
     * checkpoint leaves out what its parameters determine ({@code transient} fields, e.g. a
     * compiled program that every node rebuilds from the job) takes it back from there.
     */
    default void restored(Component built) {}
}
