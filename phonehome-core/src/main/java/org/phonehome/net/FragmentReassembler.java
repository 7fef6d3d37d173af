package org.phonehome.net;

import java.util.Iterator;
import java.util.LinkedHashMap;
import org.phonehome.Counters;

/**
 * Reassembles IPv4 and IPv6 fragments into datagram payloads, within {@link NetLimits}: at most
 * {@code maxPendingDatagrams} sets and {@code maxHeldBytes} bytes held, each set dropped {@code fragmentTimeoutNanos}
 * of capture time after its first fragment. Overlapping bytes: the first received win (counted). Every limit hit,
 * expiry and reassembly is counted as an {@code anomaly.*} counter.
 */
public final class FragmentReassembler {
    private final NetLimits limits;
    private final Counters counters;
    /** Insertion order is creation order, so the oldest set comes first for expiry. */
    private final LinkedHashMap<FragmentKey, FragmentSet> pending = new LinkedHashMap<>();
    private long heldBytes;

    /** A reassembler that counts into {@code counters}. */
    public FragmentReassembler(NetLimits limits, Counters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    /**
     * Adds one fragment: payload bytes {@code b[from, to)} at payload offset {@code offset}.
     *
     * @param key      the datagram it belongs to
     * @param protocol IPv4 protocol, or for IPv6 the next header of the Fragment header (kept from offset 0)
     * @param origin   the frame(s) that carried the fragment; its capture time drives the timeout
     * @return the set it joined (removed from the reassembler when {@link FragmentSet#complete()}), or null when
     *         the fragment was refused because a limit was reached (counted)
     */
    FragmentSet add(FragmentKey key, int protocol, FrameOrigin origin, int offset, boolean more,
                    byte[] b, int from, int to) {
        expire(origin.timestampNanos);
        int end = offset + (to - from);
        FragmentSet set = pending.get(key);
        boolean fresh = set == null;
        if (fresh) {
            if (pending.size() >= limits.maxPendingDatagrams()) {
                counters.increment(NetCounters.FRAGMENT_LIMIT);
                return null;
            }
            set = new FragmentSet(origin.timestampNanos, origin.firstFrame, offset == 0 ? protocol : -1);
        }
        long before = fresh ? 0 : set.heldBytes(); // a fresh set's own bytes are not yet counted
        long growth = set.capacityFor(end, limits.maxDatagramBytes()) + end / 8 + 8 - before;
        if (heldBytes + growth > limits.maxHeldBytes()) {
            counters.increment(NetCounters.FRAGMENT_LIMIT);
            return null;
        }
        if (fresh) {
            pending.put(key, set);
        }
        set.ensureCapacity(end, limits.maxDatagramBytes());
        int copyEnd = settleLength(set, end, more);
        if (offset == 0 && set.protocol < 0) {
            set.protocol = protocol;
        }
        int length = Math.max(0, copyEnd - offset);
        int overlapping = set.add(offset, b, from, from + length);
        if (length > 0 && overlapping == length) {
            counters.increment(NetCounters.FRAGMENT_DUPLICATE);
        } else if (overlapping > 0) {
            counters.increment(NetCounters.FRAGMENT_OVERLAP);
        }
        set.frames += origin.frames;
        set.wireBytes += origin.wireBytes;
        if (set.firstApp == null) {
            set.firstApp = origin.app;
        }
        heldBytes += set.heldBytes() - before;
        if (set.complete()) {
            pending.remove(key);
            heldBytes -= set.heldBytes();
            counters.increment(NetCounters.FRAGMENTS_REASSEMBLED);
        }
        return set;
    }

    /** Records where the datagram ends when this is the last fragment; returns where this fragment's copy ends. */
    private int settleLength(FragmentSet set, int end, boolean more) {
        boolean inconsistent = false;
        if (!more) {
            if (set.totalLength < 0) {
                inconsistent = set.highestReceived() > end;
                set.totalLength = end;
            } else {
                inconsistent = set.totalLength != end;
            }
        }
        int copyEnd = end;
        if (set.totalLength >= 0 && end > set.totalLength) {
            inconsistent = true;
            copyEnd = set.totalLength;
        }
        if (inconsistent) {
            counters.increment(NetCounters.FRAGMENT_INCONSISTENT);
        }
        return copyEnd;
    }

    /** Drops (and counts) sets whose first fragment is more than the timeout older than {@code nowNanos}. */
    public void expire(long nowNanos) {
        if (pending.isEmpty()) {
            return;
        }
        Iterator<FragmentSet> it = pending.values().iterator();
        while (it.hasNext()) {
            FragmentSet set = it.next();
            if (nowNanos - set.createdNanos <= limits.fragmentTimeoutNanos()) {
                break; // later sets were created later (captures are nearly in time order)
            }
            it.remove();
            heldBytes -= set.heldBytes();
            counters.increment(NetCounters.FRAGMENTS_EXPIRED);
        }
    }

    /** Drops (and counts) every pending set: the capture ended. */
    public void finish() {
        if (!pending.isEmpty()) {
            counters.add(NetCounters.FRAGMENTS_INCOMPLETE_AT_END, pending.size());
        }
        pending.clear();
        heldBytes = 0;
    }

    /** Fragment sets held now. */
    public int pendingDatagrams() {
        return pending.size();
    }

    /** Bytes held now in all sets. */
    public long heldBytes() {
        return heldBytes;
    }
}
