package org.phonehome.proto.quic;

import java.util.BitSet;

/**
 * Reassembles one direction's CRYPTO stream of the Initial space from frames in any order, up to
 * {@link QuicLimits#MAX_CRYPTO_STREAM} bytes. Overlapping data keeps the first copy.
 */
final class CryptoReassembler {
    private byte[] buffer = new byte[0];
    private final BitSet received = new BitSet();

    /**
     * Adds {@code data[offset, offset+length)} at stream offset {@code streamOffset}.
     *
     * @return false when some of it lies beyond {@link QuicLimits#MAX_CRYPTO_STREAM} (that part is dropped)
     */
    boolean add(long streamOffset, byte[] data, int offset, int length) {
        long limit = QuicLimits.MAX_CRYPTO_STREAM;
        if (streamOffset >= limit) {
            return length == 0;
        }
        int at = (int) streamOffset;
        int n = (int) Math.min(length, limit - at);
        if (buffer.length < at + n) {
            byte[] bigger = new byte[(int) Math.min(limit, Math.max(at + n, buffer.length * 2L))];
            System.arraycopy(buffer, 0, bigger, 0, buffer.length);
            buffer = bigger;
        }
        for (int i = 0; i < n; i++) {
            if (!received.get(at + i)) {
                buffer[at + i] = data[offset + i];
            }
        }
        received.set(at, at + n);
        return n == length;
    }

    /** Length of the gap-free prefix received so far. */
    int contiguous() {
        return received.nextClearBit(0);
    }

    /** The buffer holding the stream from offset 0 (valid up to {@link #contiguous()}). */
    byte[] buffer() {
        return buffer;
    }

    /** Drops everything (after a Retry the client starts its CRYPTO stream again). */
    void reset() {
        buffer = new byte[0];
        received.clear();
    }
}
