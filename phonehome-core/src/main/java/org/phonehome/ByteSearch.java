package org.phonehome;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in a byte array eight bytes at a time. The launcher runs the client compiler, which neither unrolls
 * nor vectorises a byte loop: a plain loop cost 0.75 to 1.7 ns a byte there, this one about 0.35 (docs/PERFORMANCE.md).
 * Header lines, form fields and bodies are searched for their line end, separators and escapes with it.
 */
public final class ByteSearch {

    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    static {
        // The client compiler inlines the VarHandle access only when its call site was linked before the method was
        // compiled; a method compiled after short searches alone (which never reach it) would call through the
        // handle for good, and search 2.5 times slower than a byte loop. Link it now, once.
        longAt(new byte[Long.BYTES], 0);
    }

    private ByteSearch() {
    }

    private static long longAt(byte[] b, int i) {
        return (long) LITTLE_ENDIAN_LONGS.get(b, i);
    }

    /** The index of the first {@code c} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        int i = from;
        if (to - from >= Long.BYTES) {
            long pattern = (c & 0xFFL) * ONES;
            for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
                long found = zeroBytes(longAt(b, i) ^ pattern);
                if (found != 0) {
                    return i + lowestByte(found);
                }
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first {@code c} or {@code d} in {@code b[from, to)}, or -1. */
    public static int indexOfEither(byte[] b, int from, int to, byte c, byte d) {
        int i = from;
        if (to - from >= Long.BYTES) {
            long cs = (c & 0xFFL) * ONES;
            long ds = (d & 0xFFL) * ONES;
            for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
                long word = longAt(b, i);
                long found = zeroBytes(word ^ cs) | zeroBytes(word ^ ds);
                if (found != 0) {
                    return i + lowestByte(found);
                }
            }
        }
        for (; i < to; i++) {
            if (b[i] == c || b[i] == d) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index (0-7) of the lowest byte whose high bit is set in {@code highBits} (not zero, only high bits set):
     * its lowest bit, shifted to the bottom of its byte, times a constant whose byte k from the top is k, leaves the
     * index in the top byte. The client compiler does not make {@link Long#numberOfTrailingZeros} one instruction,
     * and calls it as two Java methods.
     */
    private static int lowestByte(long highBits) {
        return (int) ((((highBits & -highBits) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /**
     * The high bit of each zero byte of {@code x} (and maybe of bytes above the lowest zero byte, through the
     * borrow: the lowest bit set always marks the lowest zero byte, which is all the callers use).
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
