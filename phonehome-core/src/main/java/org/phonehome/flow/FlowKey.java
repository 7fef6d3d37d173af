package org.phonehome.flow;

/**
 * A flow's hash key: protocol and both endpoints in canonical order ({@code lo <= hi}), so both directions of a
 * connection find the same flow. The endpoints are the ones in the flow's {@link FlowInfo}, shared, not copies.
 *
 * @param protocol IP protocol number
 * @param lo       the smaller endpoint
 * @param hi       the larger endpoint
 */
record FlowKey(int protocol, Endpoint lo, Endpoint hi) {

    /** The key of a packet from {@code a} to {@code b}. */
    static FlowKey of(int protocol, Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new FlowKey(protocol, a, b) : new FlowKey(protocol, b, a);
    }
}
