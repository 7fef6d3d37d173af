package org.phonehome.flow;

import java.util.ArrayList;
import java.util.List;
import org.phonehome.net.IpAddress;

/**
 * The live flows by key (the protocol and both endpoints, the lower endpoint first, so both directions of a flow
 * have one key), for {@link FlowTable}: open addressing with linear probing, each slot's key in one long array.
 * Written for the flow table's speed: a {@code HashMap} lookup followed a table slot to a node, to a key object and
 * to its fields, missing the cache at each step once a capture holds tens of thousands of flows, and needed a key
 * object made for every packet. Here a packet's flow is found from the packet's fields, reading one slot, and a flow
 * is removed by the hash it keeps ({@link Flow#mapHash}), without reading its key again.
 *
 * <p>Never shrinks (as {@code HashMap}); the flow table bounds how many flows it holds. At most half full: 104 to 208
 * bytes of slots a flow (a {@code HashMap} with its key objects took about 110), within
 * {@link FlowConfig#BYTES_PER_FLOW}. Not thread-safe.
 */
final class FlowMap {
    /** Longs per slot: loHigh, loLow, hiHigh, hiLow, both version-ports, and the slot's tag. */
    private static final int STRIDE = 6;
    private static final int TAG = 5;
    /** Set in a used slot's tag, with the protocol (an IP protocol number: 8 bits, 32-39) and the key's hash (0-31). */
    private static final long USED = 1L << 62;
    /** Slots of a new map (48 KB of keys): it starts small and doubles when half full. */
    private static final int MIN_SLOTS = 1024;
    /**
     * Flows held at most: the slots of twice as many still fit one array (2^28 slots of 6 longs). The flow table
     * ends its least recently active flow to stay within, whatever flow limit it was given.
     */
    static final int MAX_FLOWS = 1 << 27;

    private long[] keys = new long[MIN_SLOTS * STRIDE];
    private Flow[] flows = new Flow[MIN_SLOTS];
    private int mask = MIN_SLOTS - 1;
    private int size;

    // The key of the last probe, in slot form: what add() writes.
    private long probedLoHigh;
    private long probedLoLow;
    private long probedHiHigh;
    private long probedHiLow;
    private long probedPorts;
    private long probedTag;

    /** How many flows the map holds. */
    int size() {
        return size;
    }

    /** The flow of a packet from {@code a}:{@code aPort} to {@code b}:{@code bPort} (either direction), or null. */
    Flow get(int protocol, IpAddress a, int aPort, IpAddress b, int bPort) {
        int i = probe(protocol, a, aPort, b, bPort);
        return i < 0 ? null : flows[i];
    }

    /** Adds {@code flow} as the flow between the two endpoints, replacing any flow held for them. */
    void add(int protocol, IpAddress a, int aPort, IpAddress b, int bPort, Flow flow) {
        if (size >= MAX_FLOWS) {
            // Never reached from the flow table; a full table would make a probe for a missing key endless.
            throw new IllegalStateException("the flow map holds " + MAX_FLOWS + " flows");
        }
        if (2 * (size + 1) > flows.length) {
            grow();
        }
        int i = probe(protocol, a, aPort, b, bPort);
        flow.mapHash = (int) probedTag;
        if (i >= 0) {
            flows[i] = flow;
            return;
        }
        int s = ~i * STRIDE;
        keys[s] = probedLoHigh;
        keys[s + 1] = probedLoLow;
        keys[s + 2] = probedHiHigh;
        keys[s + 3] = probedHiLow;
        keys[s + 4] = probedPorts;
        keys[s + TAG] = probedTag;
        flows[~i] = flow;
        size++;
    }

    /** Removes {@code flow}, if the map holds it. */
    void remove(Flow flow) {
        int i = flow.mapHash & mask;
        while (flows[i] != flow) {
            if ((keys[i * STRIDE + TAG] & USED) == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: moves each later slot of the probe run that may live here into the gap, so
        // that no lookup meets an empty slot before its key (no tombstones to pile up as flows come and go).
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long tag = keys[j * STRIDE + TAG];
            if ((tag & USED) == 0) {
                break;
            }
            int home = (int) tag & mask;
            // The entry at j moves back to the gap when the gap is no further from j than its home is (as in
            // FlowIdMap): its home then does not lie cyclically in (gap, j].
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                System.arraycopy(keys, j * STRIDE, keys, gap * STRIDE, STRIDE);
                flows[gap] = flows[j];
                gap = j;
            }
        }
        keys[gap * STRIDE + TAG] = 0;
        flows[gap] = null;
        size--;
    }

    /** Every flow held, in no particular order. */
    List<Flow> values() {
        List<Flow> all = new ArrayList<>(size);
        for (Flow f : flows) {
            if (f != null) {
                all.add(f);
            }
        }
        return all;
    }

    /**
     * Finds the key of the two endpoints: its slot, or {@code ~slot} of the empty slot where it would go; the key
     * is left in the {@code probed} fields.
     */
    private int probe(int protocol, IpAddress a, int aPort, IpAddress b, int bPort) {
        int c = a.compareTo(b);
        IpAddress lo = a;
        IpAddress hi = b;
        int loPort = aPort;
        int hiPort = bPort;
        if (c > 0 || (c == 0 && aPort > bPort)) {
            lo = b;
            hi = a;
            loPort = bPort;
            hiPort = aPort;
        }
        long loHigh = lo.high();
        long loLow = lo.low();
        long hiHigh = hi.high();
        long hiLow = hi.low();
        int loVersionPort = lo.version() << 16 | loPort;
        int hiVersionPort = hi.version() << 16 | hiPort;
        long h = (loHigh * 31 + loLow) * 0x9E3779B97F4A7C15L;
        h = (h ^ hiHigh * 31 + hiLow) * 0xBF58476D1CE4E5B9L;
        h += (long) loVersionPort << 32 ^ hiVersionPort ^ protocol;
        h *= 0x94D049BB133111EBL;
        int hash = (int) (h ^ (h >>> 32));
        long tag = USED | (long) (protocol & 0xff) << 32 | (hash & 0xffffffffL);
        long ports = (long) loVersionPort << 32 | (hiVersionPort & 0xffffffffL);
        probedLoHigh = loHigh;
        probedLoLow = loLow;
        probedHiHigh = hiHigh;
        probedHiLow = hiLow;
        probedPorts = ports;
        probedTag = tag;
        int i = hash & mask;
        while (true) {
            int s = i * STRIDE;
            long t = keys[s + TAG];
            if (t == tag && keys[s + 1] == loLow && keys[s + 3] == hiLow && keys[s + 4] == ports
                    && keys[s] == loHigh && keys[s + 2] == hiHigh) {
                return i;
            }
            if ((t & USED) == 0) {
                return ~i;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Flow[] oldFlows = flows;
        flows = new Flow[oldFlows.length * 2];
        keys = new long[flows.length * STRIDE];
        mask = flows.length - 1;
        for (int o = 0; o < oldFlows.length; o++) {
            if (oldFlows[o] != null) {
                int i = (int) oldKeys[o * STRIDE + TAG] & mask;
                while ((keys[i * STRIDE + TAG] & USED) != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(oldKeys, o * STRIDE, keys, i * STRIDE, STRIDE);
                flows[i] = oldFlows[o];
            }
        }
    }
}
