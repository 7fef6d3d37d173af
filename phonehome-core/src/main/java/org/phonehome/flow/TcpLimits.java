package org.phonehome.flow;

/**
 * Memory bounds of one {@link TcpReassembler} (one direction of one connection).
 *
 * @param maxBufferedBytes    out-of-order bytes held while waiting for a hole to fill; also the sequence window:
 *                            a segment further than this ahead of or behind the next expected byte is a
 *                            {@code tcp_seq_jump}, never a reason to allocate
 * @param maxBufferedSegments out-of-order pieces held (bounds per-piece overhead under a flood of tiny segments)
 * @param historyBytes        delivered bytes remembered to check retransmissions for changed bytes (rounded up to a
 *                            power of two; 0 turns the check off for already-delivered data)
 */
public record TcpLimits(int maxBufferedBytes, int maxBufferedSegments, int historyBytes) {

    /**
     * 4 MiB: more than the bandwidth-delay product of a phone link (100 Mbit/s x 300 ms = 3.75 MB), so real
     * reordering and retransmission is always waited for, while one connection can never hold more.
     */
    public static final int DEFAULT_MAX_BUFFERED_BYTES = 4 << 20;
    /** 4096: 4 MiB at an average of 1 KiB per segment; stops a flood of 1-byte segments costing ~100 B each. */
    public static final int DEFAULT_MAX_BUFFERED_SEGMENTS = 4096;
    /**
     * 64 KiB: the largest TCP window without window scaling, so retransmissions of such connections are always
     * checked. Allocated lazily and grown with the data delivered, so short flows pay only for what they sent.
     */
    public static final int DEFAULT_HISTORY_BYTES = 64 << 10;

    /** The defaults above. */
    public static final TcpLimits DEFAULT =
            new TcpLimits(DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_MAX_BUFFERED_SEGMENTS, DEFAULT_HISTORY_BYTES);

    /** Checks the bounds and rounds {@code historyBytes} up to a power of two. */
    public TcpLimits {
        if (maxBufferedBytes < 1 || maxBufferedSegments < 1 || historyBytes < 0 || historyBytes > (1 << 30)) {
            throw new IllegalArgumentException("bad TCP limits: " + maxBufferedBytes + ", " + maxBufferedSegments
                    + ", " + historyBytes);
        }
        if (historyBytes > 0 && Integer.bitCount(historyBytes) != 1) {
            historyBytes = Integer.highestOneBit(historyBytes) << 1;
        }
    }
}
