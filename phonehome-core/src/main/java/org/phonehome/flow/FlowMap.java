package org.phonehome.flow;

import java.util.ArrayList;
import java.util.List;
import org.phonehome.net.IpAddress;

/**
 * The live flows by key, for {@link FlowTable}: open addressing with linear probing, each slot's key fields in one
 * long array. Written for the flow table's speed: a {@code HashMap} lookup followed a table slot to a node, to a
 * key object and to its fields, missing the cache at each step once a capture holds tens of thousands of flows, and
 * needed a key object made for every packet; here a packet's flow is found from its fields, reading one slot.
 * Never shrinks (as {@code HashMap}); the flow table bounds how many flows it holds. At most half full: 104 to 208
 * bytes of slots a flow (a {@code HashMap} took about 45), within {@link FlowConfig#BYTES_PER_FLOW}. Not thread-safe.
 */
final class FlowMap {
    /** Longs per slot: loHigh, loLow, hiHigh, hiLow, both version-ports, and the slot's tag. */
    private static final int STRIDE = 6;
    private static final int TAG = 5;
    /** Set in a used slot's tag, with the protocol (an IP protocol number: 8 bits, 32-39) and the key's hash (0-31). */
    private static final long USED = 1L << 62;
    private static final int MIN_SLOTS = 1024;

    private long[] keys = new long[MIN_SLOTS * STRIDE];
    private Flow[] flows = new Flow[MIN_SLOTS];
    private int mask = MIN_SLOTS - 1;
    private int size;

    /** How many flows the map holds. */
    int size() {
        return size;
    }

    /** The flow of a packet from {@code a}:{@code aPort} to {@code b}:{@code bPort} (either direction), or null. */
    Flow get(int protocol, IpAddress a, int aPort, IpAddress b, int bPort) {
        int c = a.compareTo(b);
        int aVersionPort = a.version() << 16 | aPort;
        int bVersionPort = b.version() << 16 | bPort;
        int i = (c < 0 || (c == 0 && aPort <= bPort))
                ? find(protocol, a.high(), a.low(), aVersionPort, b.high(), b.low(), bVersionPort)
                : find(protocol, b.high(), b.low(), bVersionPort, a.high(), a.low(), aVersionPort);
        return i < 0 ? null : flows[i];
    }

    /** Adds {@code flow} under {@code key}, replacing any flow held under it. */
    void put(FlowKey key, Flow flow) {
        int found = find(key);
        if (found >= 0) {
            flows[found] = flow;
            return;
        }
        if (2 * (size + 1) > flows.length) {
            grow();
        }
        int i = key.hashCode() & mask;
        while ((keys[i * STRIDE + TAG] & USED) != 0) {
            i = (i + 1) & mask;
        }
        write(i, key);
        flows[i] = flow;
        size++;
    }

    /** Removes the flow held under {@code key}, if any. */
    void remove(FlowKey key) {
        int i = find(key);
        if (i < 0) {
            return;
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
            // The entry at j may move back to the gap unless its home lies cyclically in (gap, j].
            boolean homeAfterGap = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
            if (!homeAfterGap) {
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

    private int find(FlowKey k) {
        return find(k.protocol(), k.loHigh(), k.loLow(), k.loVersionPort(), k.hiHigh(), k.hiLow(), k.hiVersionPort());
    }

    private int find(int protocol, long loHigh, long loLow, int loVersionPort, long hiHigh, long hiLow,
            int hiVersionPort) {
        int hash = FlowKey.hash(protocol, loHigh, loLow, loVersionPort, hiHigh, hiLow, hiVersionPort);
        long want = tag(protocol, hash);
        long ports = ports(loVersionPort, hiVersionPort);
        int i = hash & mask;
        while (true) {
            int s = i * STRIDE;
            long tag = keys[s + TAG];
            if (tag == want && keys[s + 1] == loLow && keys[s + 3] == hiLow && keys[s + 4] == ports
                    && keys[s] == loHigh && keys[s + 2] == hiHigh) {
                return i;
            }
            if ((tag & USED) == 0) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    private void write(int i, FlowKey k) {
        int s = i * STRIDE;
        keys[s] = k.loHigh();
        keys[s + 1] = k.loLow();
        keys[s + 2] = k.hiHigh();
        keys[s + 3] = k.hiLow();
        keys[s + 4] = ports(k.loVersionPort(), k.hiVersionPort());
        keys[s + TAG] = tag(k.protocol(), k.hashCode());
    }

    private void grow() {
        Flow[] old = flows;
        flows = new Flow[old.length * 2];
        keys = new long[flows.length * STRIDE];
        mask = flows.length - 1;
        for (Flow f : old) {
            if (f != null) {
                int i = f.key.hashCode() & mask;
                while ((keys[i * STRIDE + TAG] & USED) != 0) {
                    i = (i + 1) & mask;
                }
                write(i, f.key);
                flows[i] = f;
            }
        }
    }

    private static long tag(int protocol, int hash) {
        return USED | (long) (protocol & 0xff) << 32 | (hash & 0xffffffffL);
    }

    private static long ports(int loVersionPort, int hiVersionPort) {
        return (long) loVersionPort << 32 | (hiVersionPort & 0xffffffffL);
    }
}
