package org.phonehome.proto.http2;

import java.io.ByteArrayOutputStream;

/**
 * The HPACK Huffman code (RFC 7541 appendix B). The code is canonical, so it is rebuilt from the code lengths alone
 * (symbols ordered by length then value); {@code HpackHuffmanTest} checks it against codes of the RFC table.
 * Decoding refuses EOS inside a string and padding that is longer than 7 bits or not all ones (section 5.2).
 */
final class HpackHuffman {
    /** Code lengths of symbols 0..255 (RFC 7541 appendix B); EOS (256) is 30 bits of ones. */
    private static final byte[] LENGTHS = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28,
        28, 28, 28, 28, 6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15,
        6, 12, 10, 13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28, 20, 22, 20,
        20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23,
        24, 22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22,
        22, 23, 22, 22, 23, 26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27,
        24, 21, 21, 26, 26, 28, 27, 27, 27, 20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26,
        26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26
    };
    static final int EOS = 256;
    private static final int EOS_LENGTH = 30;
    private static final int MAX_PADDING_BITS = 7;

    static final int[] CODES = new int[EOS + 1];
    static final int[] CODE_LENGTHS = new int[EOS + 1];
    /** Binary decoding tree: node n has children CHILD[2n] (bit 0) and CHILD[2n+1]; leaves hold -(symbol+1). */
    private static final int[] CHILD;

    static {
        for (int s = 0; s < EOS; s++) {
            CODE_LENGTHS[s] = LENGTHS[s];
        }
        CODE_LENGTHS[EOS] = EOS_LENGTH;
        Integer[] order = new Integer[EOS + 1];
        for (int i = 0; i <= EOS; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> CODE_LENGTHS[a] != CODE_LENGTHS[b]
                ? Integer.compare(CODE_LENGTHS[a], CODE_LENGTHS[b]) : Integer.compare(a, b));
        int code = 0;
        int prevLen = CODE_LENGTHS[order[0]];
        for (int i = 0; i <= EOS; i++) {
            int s = order[i];
            if (i > 0) {
                code = (code + 1) << (CODE_LENGTHS[s] - prevLen);
            }
            prevLen = CODE_LENGTHS[s];
            CODES[s] = code;
        }
        int[] child = new int[2 * 2 * (EOS + 1)];
        int nodes = 1;
        for (int s = 0; s <= EOS; s++) {
            int node = 0;
            for (int b = CODE_LENGTHS[s] - 1; b >= 0; b--) {
                int bit = (CODES[s] >>> b) & 1;
                int slot = 2 * node + bit;
                if (b == 0) {
                    child[slot] = -(s + 1);
                } else {
                    if (child[slot] == 0) {
                        child[slot] = nodes++;
                    }
                    node = child[slot];
                }
            }
        }
        CHILD = child;
    }

    private HpackHuffman() {
    }

    /** Decodes {@code len} bytes at {@code off}; null when the string is not valid HPACK Huffman. */
    static byte[] decode(byte[] in, int off, int len, int maxOutput) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(len * 2, maxOutput));
        int node = 0;
        int pendingBits = 0;
        boolean pendingAllOnes = true;
        for (int i = off; i < off + len; i++) {
            int b = in[i] & 0xff;
            for (int k = 7; k >= 0; k--) {
                int bit = (b >>> k) & 1;
                int next = CHILD[2 * node + bit];
                pendingBits++;
                pendingAllOnes &= bit == 1;
                if (next < 0) {
                    int sym = -next - 1;
                    if (sym == EOS || out.size() >= maxOutput) {
                        return null; // EOS inside a string is a decoding error (RFC 7541 section 5.2)
                    }
                    out.write(sym);
                    node = 0;
                    pendingBits = 0;
                    pendingAllOnes = true;
                } else {
                    node = next;
                }
            }
        }
        if (pendingBits > MAX_PADDING_BITS || !pendingAllOnes) {
            return null; // padding must be the most significant bits of EOS, shorter than 8 bits
        }
        return out.toByteArray();
    }
}
