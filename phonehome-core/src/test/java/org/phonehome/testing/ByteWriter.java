package org.phonehome.testing;

import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array that writes integers in a chosen byte order: the capture builders' output. */
final class ByteWriter {
    private byte[] bytes = new byte[256];
    private int size;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    ByteWriter order(ByteOrder value) {
        this.order = value;
        return this;
    }

    ByteOrder order() {
        return order;
    }

    int size() {
        return size;
    }

    ByteWriter u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    ByteWriter u16(int v) {
        if (order == ByteOrder.BIG_ENDIAN) {
            return u8(v >>> 8).u8(v);
        }
        return u8(v).u8(v >>> 8);
    }

    ByteWriter u32(long v) {
        if (order == ByteOrder.BIG_ENDIAN) {
            return u16((int) (v >>> 16)).u16((int) v);
        }
        return u16((int) v).u16((int) (v >>> 16));
    }

    /** A 64-bit value; for pcapng time stamps write {@link #u32} high then low instead. */
    ByteWriter u64(long v) {
        if (order == ByteOrder.BIG_ENDIAN) {
            return u32(v >>> 32).u32(v);
        }
        return u32(v).u32(v >>> 32);
    }

    ByteWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /** Zero bytes up to the next multiple of 4. */
    ByteWriter pad4() {
        while (size % 4 != 0) {
            u8(0);
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
    }
}
