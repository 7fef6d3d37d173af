package org.phonehome.proto.http;

/**
 * Walks the frame headers of a zstd stream (RFC 8878 section 3.1) without decoding, to refuse windows larger than a
 * bound before a decoder allocates them. A pure function of bytes; anything it cannot walk is left to the decoder,
 * which then reports the error.
 */
final class ZstdFrameCheck {

    private static final int FRAME_MAGIC = 0xFD2FB528;
    private static final int SKIPPABLE_MAGIC_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int RESERVED_BLOCK = 3;
    private static final int RLE_BLOCK = 1;
    private static final int[] DICT_ID_BYTES = {0, 1, 2, 4};

    private ZstdFrameCheck() {
    }

    /** Whether no frame of {@code b} declares a window (or single-segment content size) above {@code maxWindow}. */
    static boolean windowsWithin(byte[] b, long maxWindow) {
        long p = 0;
        while (p + 4 <= b.length) {
            int magic = (int) le(b, (int) p, 4);
            if ((magic & SKIPPABLE_MAGIC_MASK) == SKIPPABLE_MAGIC) {
                p += 8 + (p + 8 <= b.length ? le(b, (int) p + 4, 4) : 0);
                continue;
            }
            if (magic != FRAME_MAGIC || p + 5 > b.length) {
                return true;
            }
            long window = frameWindow(b, (int) p + 4);
            if (window == Long.MIN_VALUE) {
                return true;
            }
            if (window < 0 || window > maxWindow) {
                return false;
            }
            p = skipBlocks(b, (int) p + 4);
            if (p < 0) {
                return true;
            }
        }
        return true;
    }

    /** The window the frame header at {@code at} declares; Long.MIN_VALUE when cut; negative beyond 2^63. */
    private static long frameWindow(byte[] b, int at) {
        int fhd = b[at] & 0xFF;
        boolean single = (fhd & 0x20) != 0;
        int p = at + 1;
        long window = 0;
        if (!single) {
            if (p >= b.length) {
                return Long.MIN_VALUE;
            }
            int wd = b[p++] & 0xFF;
            long base = 1L << (10 + (wd >>> 3));
            window = base + (base >>> 3) * (wd & 7);
        }
        p += DICT_ID_BYTES[fhd & 3];
        int fcsBytes = fcsBytes(fhd, single);
        if (single) {
            if (p + fcsBytes > b.length) {
                return Long.MIN_VALUE;
            }
            window = le(b, p, fcsBytes) + (fcsBytes == 2 ? 256 : 0);
        }
        return window;
    }

    private static int fcsBytes(int fhd, boolean single) {
        return switch (fhd >>> 6) {
            case 0 -> single ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
    }

    /** Position after the frame whose header starts at {@code at}, or -1 when the frame is cut or invalid. */
    private static long skipBlocks(byte[] b, int at) {
        int fhd = b[at] & 0xFF;
        boolean single = (fhd & 0x20) != 0;
        long p = at + 1 + (single ? 0 : 1) + DICT_ID_BYTES[fhd & 3] + fcsBytes(fhd, single);
        while (true) {
            if (p + 3 > b.length) {
                return -1;
            }
            int header = (int) le(b, (int) p, 3);
            p += 3;
            int type = (header >>> 1) & 3;
            if (type == RESERVED_BLOCK) {
                return -1;
            }
            p += type == RLE_BLOCK ? 1 : header >>> 3;
            if ((header & 1) != 0) {
                return p + ((fhd & 4) != 0 ? 4 : 0);
            }
        }
    }

    private static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
