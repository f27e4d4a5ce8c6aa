package org.dramatis.components.ops;

/** The data a {@link Fetch} asked for; it is sent with {@code bytes} so the link charges the transfer. */
public record WeightData(long opId, String weightKey, long bytes) {}
