package org.phonehome.flow;

import org.phonehome.net.IpAddress;

/**
 * A flow's key: the protocol and both endpoints, lower endpoint first so both directions give the same key. Flat
 * primitives rather than endpoint objects: it is made and compared for every packet, and a lookup then reads one
 * object instead of following five.
 */
record FlowKey(int protocol, long loHigh, long loLow, int loVersionPort, long hiHigh, long hiLow, int hiVersionPort) {

    static FlowKey of(int protocol, IpAddress a, int aPort, IpAddress b, int bPort) {
        int c = a.compareTo(b);
        if (c < 0 || (c == 0 && aPort <= bPort)) {
            return new FlowKey(protocol, a.high(), a.low(), a.version() << 16 | aPort, b.high(), b.low(),
                    b.version() << 16 | bPort);
        }
        return new FlowKey(protocol, b.high(), b.low(), b.version() << 16 | bPort, a.high(), a.low(),
                a.version() << 16 | aPort);
    }

    @Override
    public int hashCode() {
        return hash(protocol, loHigh, loLow, loVersionPort, hiHigh, hiLow, hiVersionPort);
    }

    /** The hash of the key with these fields, without making it ({@link FlowMap} looks flows up by fields). */
    static int hash(int protocol, long loHigh, long loLow, int loVersionPort, long hiHigh, long hiLow,
            int hiVersionPort) {
        long h = (loHigh * 31 + loLow) * 0x9E3779B97F4A7C15L;
        h = (h ^ hiHigh * 31 + hiLow) * 0xBF58476D1CE4E5B9L;
        h += (long) loVersionPort << 32 ^ hiVersionPort ^ protocol;
        h *= 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FlowKey k && k.loLow == loLow && k.hiLow == hiLow
                && k.loVersionPort == loVersionPort && k.hiVersionPort == hiVersionPort && k.loHigh == loHigh
                && k.hiHigh == hiHigh && k.protocol == protocol;
    }
}
