package org.phonehome.behaviour;

/**
 * A bounded sample of the bytes a flow sent, kept as a byte histogram (256 counters, whatever the flow's size), for
 * {@link ExfiltrationDetector}'s entropy. Feed it the outbound payload in stream order ({@link #add}); it counts:
 * <ul>
 *   <li>every byte of the first {@link #FULL_PREFIX_BYTES} (headers and the start of the body);</li>
 *   <li>then one block of {@link #BLOCK_BYTES} in every {@link #BLOCK_STRIDE} (spread over the whole upload, so a
 *       low-entropy preamble cannot hide a compressed or encrypted body);</li>
 *   <li>at most {@link #MAX_SAMPLED_BYTES} in all (the CPU spent per flow is bounded).</li>
 * </ul>
 * Bytes past the limits are skipped, not copied: memory is constant and the cost of a skipped byte is nil.
 */
public final class PayloadSample {
    /** Counted in full: the start of an upload (request line, headers, container magic). */
    public static final int FULL_PREFIX_BYTES = 64 * 1024;
    /** A sampled block: large enough that TCP segment boundaries do not matter. */
    public static final int BLOCK_BYTES = 4 * 1024;
    /** One block in this many is counted after the prefix: 1/16 of a large upload, spread over all of it. */
    public static final int BLOCK_STRIDE = 16;
    /** Total bytes counted per flow: 1 MiB estimates 256 symbol frequencies far beyond the 0.01 bit we need. */
    public static final int MAX_SAMPLED_BYTES = 1024 * 1024;
    private static final int SYMBOLS = 256;

    private final long[] counts = new long[SYMBOLS];
    private long offset;
    private long sampled;

    /** Adds {@code len} payload bytes that follow the bytes added so far. */
    public void add(byte[] data, int off, int len) {
        int i = 0;
        while (i < len && sampled < MAX_SAMPLED_BYTES) {
            long pos = offset + i;
            long runEnd = sampledRunEnd(pos);
            if (runEnd <= pos) {
                long nextBlock = ((pos - FULL_PREFIX_BYTES) / BLOCK_BYTES + 1) * BLOCK_BYTES + FULL_PREFIX_BYTES;
                long skipToBlock = nextSampledBlockStart(nextBlock);
                i = (int) Math.min(len, i + (skipToBlock - pos));
                continue;
            }
            int take = (int) Math.min(Math.min(len - i, runEnd - pos), MAX_SAMPLED_BYTES - sampled);
            for (int k = 0; k < take; k++) {
                counts[data[off + i + k] & 0xff]++;
            }
            sampled += take;
            i += take;
        }
        offset += len;
    }

    /** Adds a whole array. */
    public void add(byte[] data) {
        add(data, 0, data.length);
    }

    /** Bytes counted. */
    public long sampledBytes() {
        return sampled;
    }

    /** Bytes offered (counted or skipped). */
    public long offeredBytes() {
        return offset;
    }

    /** Shannon entropy of the counted bytes, in bits per byte (0 to 8); 0 when nothing was counted. */
    public double entropyBitsPerByte() {
        if (sampled == 0) {
            return 0;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / sampled;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }

    /** End (exclusive) of the counted run containing {@code pos}, or {@code pos} itself when it is not counted. */
    private static long sampledRunEnd(long pos) {
        if (pos < FULL_PREFIX_BYTES) {
            return FULL_PREFIX_BYTES;
        }
        long block = (pos - FULL_PREFIX_BYTES) / BLOCK_BYTES;
        if (block % BLOCK_STRIDE != 0) {
            return pos;
        }
        return FULL_PREFIX_BYTES + (block + 1) * BLOCK_BYTES;
    }

    /** Start of the first counted block at or after the block starting at {@code blockStart}. */
    private static long nextSampledBlockStart(long blockStart) {
        long block = (blockStart - FULL_PREFIX_BYTES) / BLOCK_BYTES;
        long sampledBlock = ((block + BLOCK_STRIDE - 1) / BLOCK_STRIDE) * BLOCK_STRIDE;
        return FULL_PREFIX_BYTES + sampledBlock * BLOCK_BYTES;
    }
}
