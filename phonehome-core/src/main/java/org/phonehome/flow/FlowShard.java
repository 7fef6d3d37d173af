package org.phonehome.flow;

import org.phonehome.net.TransportPacket;

/**
 * One worker of a parallel audit, and the hash of a flow's endpoints (the same both ways) that gives a flow a
 * worker when the workers keep pace with each other ({@link FlowAssignment} gives the others).
 *
 * @param index this worker, from 0
 * @param count the number of workers
 */
public record FlowShard(int index, int count) {

    /** The only worker: every flow. */
    public static final FlowShard ALL = new FlowShard(0, 1);

    public FlowShard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count);
        }
    }

    /** Whether this worker handles {@code p}'s flow. Packets too malformed to have a flow fall to worker 0. */
    public boolean owns(TransportPacket p) {
        return count == 1 || workerOf(p, count) == index;
    }

    /**
     * The worker, of {@code count}, that handles {@code p}'s flow: computed once per frame by whoever hands the
     * frames out, rather than by every worker.
     */
    public static int workerOf(TransportPacket p, int count) {
        if (count == 1 || p == null || p.src() == null || p.dst() == null) {
            return 0;
        }
        // Sum and product of the two ends are the same both ways; the mix spreads them over the workers.
        int a = p.src().hashCode() * 31 + p.srcPort();
        int b = p.dst().hashCode() * 31 + p.dstPort();
        int h = (a + b) * 0x9E3779B9 ^ (a * b) ^ p.protocol();
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return Math.floorMod(h, count);
    }
}
