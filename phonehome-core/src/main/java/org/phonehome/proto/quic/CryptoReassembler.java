package org.phonehome.proto.quic;

import java.util.BitSet;
import org.phonehome.proto.ParserMemory;

/**
 * Reassembles one direction's CRYPTO stream of the Initial space from frames in any order, up to
 * {@link QuicLimits#MAX_CRYPTO_STREAM} bytes. Overlapping data keeps the first copy. Room past the first
 * {@value #INITIAL_CAPACITY} bytes (a ClientHello fits) is held within the audit's {@link ParserMemory}: a frame at a
 * far offset costs one packet and would otherwise hold 64 KB.
 */
final class CryptoReassembler {
    static final int INITIAL_CAPACITY = 2048;
    private static final byte[] NONE = new byte[0];

    private final ParserMemory memory;
    private byte[] buffer = NONE;
    private final BitSet received = new BitSet();
    private boolean memoryFull;

    CryptoReassembler(ParserMemory memory) {
        this.memory = memory;
    }

    /**
     * Adds {@code data[offset, offset+length)} at stream offset {@code streamOffset}.
     *
     * @return false when some of it lies beyond {@link QuicLimits#MAX_CRYPTO_STREAM} (that part is dropped), or
     *         the shared bound refused its room ({@link #memoryFull()}; all of it is dropped)
     */
    boolean add(long streamOffset, byte[] data, int offset, int length) {
        long limit = QuicLimits.MAX_CRYPTO_STREAM;
        if (streamOffset >= limit) {
            return length == 0;
        }
        int at = (int) streamOffset;
        int n = (int) Math.min(length, limit - at);
        if (buffer.length < at + n) {
            int size = (int) Math.min(limit, Math.max(at + n, buffer.length * 2L));
            long more = Math.max(0, size - INITIAL_CAPACITY) - Math.max(0, buffer.length - INITIAL_CAPACITY);
            if (more > 0 && !memory.take(more)) {
                memoryFull = true;
                return false;
            }
            byte[] bigger = new byte[size];
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

    /** The shared bound refused room. */
    boolean memoryFull() {
        return memoryFull;
    }

    /** Drops everything (after a Retry the client starts its CRYPTO stream again, or the hello was read). */
    void reset() {
        memory.giveBack(Math.max(0, buffer.length - INITIAL_CAPACITY));
        buffer = NONE;
        received.clear();
    }
}
