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
    // Written out: the record's generated hashCode and equals are slower, and these run for every packet.
    @Override
    public int hashCode() {
        return (lo.hashCode() * 31 + hi.hashCode()) * 31 + protocol;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FlowKey k && k.protocol == protocol && k.lo.equals(lo) && k.hi.equals(hi);
    }

    static FlowKey of(int protocol, Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new FlowKey(protocol, a, b) : new FlowKey(protocol, b, a);
    }
}
