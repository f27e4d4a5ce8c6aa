package org.dramatis.engine;

/** What a component may do while it handles an event. */
public interface Context {

    /** Port index of self-scheduled wake-ups. */
    int SELF = -1;

    /** Current simulated time in picoseconds. */
    long now();

    /** This component's name (unique in the graph). */
    String name();

    /** Index of the named output port; throws if the port is not wired. */
    int outPort(String name);

    /** Whether the named output port is wired. */
    boolean hasOutPort(String name);

    /** Number of wired output ports. */
    int outPortCount();

    /** The name of output port {@code port} (0 .. {@link #outPortCount()} - 1). */
    String outPortName(int port);

    /** Name of an input port index. */
    String inPortName(int inPort);

    /**
     * Sends a message of {@code sizeBytes} over the link on output port {@code port}. The message
     * waits behind earlier ones on that link, then takes size / bandwidth to serialise, then the
     * link latency. Returns the delivery time.
     */
    long send(int port, Object payload, long sizeBytes);

    /**
     * Sends a message that may depart later than now, at {@code departPs >= now()}; used by a
     * component whose result becomes ready at a known future time. Returns the delivery time.
     */
    long sendAt(long departPs, int port, Object payload, long sizeBytes);

    /**
     * Passes on a message as it streams through (virtual cut-through): its head may leave at
     * {@code headDepartPs}, which may be earlier than now (the head arrived a serialisation time
     * before the tail that delivered the message), and its tail no earlier than
     * {@code tailDepartPs >= now()}. The link is held from the head's departure (no earlier than
     * it becomes free) for the message's serialisation, or until the tail leaves if that is later;
     * delivery is then one link latency later. Returns the delivery time.
     */
    long forwardAt(long headDepartPs, long tailDepartPs, int port, Object payload, long sizeBytes);

    /** The link that feeds input port {@code inPort}. */
    LinkSpec inLink(int inPort);

    /** Schedules a wake-up {@code delayPs >= 0} from now; it arrives with port {@link #SELF}. */
    void wakeAfter(long delayPs, Object token);

    /** Time at which the link on {@code port} next becomes free (for back-pressure decisions). */
    long linkFreeAt(int port);
}
