package org.phonehome.flow;

/** Which way bytes travel within a flow, seen from the device under audit. */
public enum Direction {
    /** Device to server: what the device sent. */
    OUTBOUND,
    /** Server to device. */
    INBOUND;

    /** The report's name: {@code outbound} or {@code inbound}. */
    public String jsonName() {
        return this == OUTBOUND ? "outbound" : "inbound";
    }

    /** The other direction. */
    public Direction reverse() {
        return this == OUTBOUND ? INBOUND : OUTBOUND;
    }
}
