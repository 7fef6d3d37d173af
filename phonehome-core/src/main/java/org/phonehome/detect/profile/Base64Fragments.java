package org.phonehome.detect.profile;

import java.util.Base64;

/**
 * The base64 text a value produces wherever it sits in a longer byte string.
 *
 * <p>Base64 turns each 3 bytes into 4 characters, so a value preceded by {@code k} other bytes is encoded on a grid
 * shifted by {@code k mod 3}. For each alignment {@code k} in 0..2 the fragment is the encoding of
 * ({@code k} arbitrary bytes + value) keeping only the characters whose 6 bits all come from the value: the first
 * character that mixes in the preceding bytes and the last one that mixes in the following bytes (or padding) are
 * dropped. One of the three fragments therefore occurs in the base64 of any text containing the value.
 */
final class Base64Fragments {
    /** Bytes per base64 group. */
    static final int ALIGNMENTS = 3;

    private Base64Fragments() {
    }

    /** The fragment of {@code value} at {@code alignment} (0-2), in the standard or URL-safe alphabet; may be empty. */
    static String fragment(byte[] value, int alignment, boolean urlSafe) {
        byte[] shifted = new byte[alignment + value.length];
        System.arraycopy(value, 0, shifted, alignment, value.length);
        Base64.Encoder encoder = (urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder()).withoutPadding();
        String encoded = encoder.encodeToString(shifted);
        int firstBit = 8 * alignment;
        int endBit = 8 * (alignment + value.length);
        int start = (firstBit + 5) / 6;   // first character starting at or after the value's first bit
        int end = endBit / 6;             // characters ending at or before the value's last bit
        return start >= end ? "" : encoded.substring(start, end);
    }
}
