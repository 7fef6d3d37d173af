package org.phonehome.detect.scan;

import org.phonehome.detect.IdentifierVariant;

/**
 * The character classes of the boundary rule: a variant with {@code boundary=true} matches only where the byte
 * before it is not in its left class and the byte after it is not in its right class, so an IMEI inside a longer
 * digit run, or an MD5 inside a longer hex string, is not a finding.
 *
 * <p>How a variant's classes are chosen ({@link #left(IdentifierVariant)}, {@link #right(IdentifierVariant)}):
 * <ol>
 *   <li>By its {@code encoding} when that names a text alphabet: {@code hex} and {@code *-hex} use {@link #HEX}
 *       (either case, so a lower-case hash preceded by {@code F} is still inside a hex run); {@code base64} and
 *       {@code *-base64} use {@link #BASE64}; {@code base64url} uses {@link #BASE64URL}. A side ending in
 *       {@code =} padding has no class ({@link #NONE}): nothing can continue a padded base64 form.</li>
 *   <li>Otherwise (plain, urlencoded, ...) from its bytes: {@link #DIGIT} when every byte is a digit,
 *       {@link #ALNUM} when every byte is a letter or digit; for mixed text (a phone with {@code +} and spaces, an
 *       e-mail, a MAC with colons) each side takes the class of its edge byte: {@link #DIGIT} for a digit,
 *       {@link #ALNUM} for a letter, {@link #NONE} for anything else.</li>
 * </ol>
 * The bytes outside the scanned region count as boundaries: a match at the very start or end of a buffer passes.
 */
public enum CharClass {
    /** No restriction: any neighbour is fine. */
    NONE,
    /** {@code 0-9}. */
    DIGIT,
    /** {@code 0-9 a-f A-F}. */
    HEX,
    /** {@code 0-9 a-z A-Z}. */
    ALNUM,
    /** {@code 0-9 a-z A-Z + /} (RFC 4648 section 4). */
    BASE64,
    /** {@code 0-9 a-z A-Z - _} (RFC 4648 section 5). */
    BASE64URL;

    /** Bit {@code ordinal()} set in {@code MEMBERS[b]} when byte {@code b} belongs to that class. */
    private static final byte[] MEMBERS = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            boolean digit = b >= '0' && b <= '9';
            boolean lower = b >= 'a' && b <= 'z';
            boolean upper = b >= 'A' && b <= 'Z';
            boolean hex = digit || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
            boolean alnum = digit || lower || upper;
            int m = 0;
            m |= digit ? DIGIT.bit() : 0;
            m |= hex ? HEX.bit() : 0;
            m |= alnum ? ALNUM.bit() : 0;
            m |= alnum || b == '+' || b == '/' ? BASE64.bit() : 0;
            m |= alnum || b == '-' || b == '_' ? BASE64URL.bit() : 0;
            MEMBERS[b] = (byte) m;
        }
    }

    /** This class as a one-bit mask ({@link #NONE} is 0: it contains nothing). */
    int bit() {
        return this == NONE ? 0 : 1 << ordinal();
    }

    /** True when byte {@code b} is in this class. */
    public boolean contains(int b) {
        return (MEMBERS[b & 0xff] & bit()) != 0;
    }

    /** The mask of classes byte {@code b} belongs to; test with {@code (members(b) & cls.bit()) != 0}. */
    static int members(int b) {
        return MEMBERS[b & 0xff];
    }

    /** The class a byte must not have to precede a boundary variant ({@link #NONE} when it has no boundary). */
    public static CharClass left(IdentifierVariant v) {
        return v.boundary() && v.bytes().length > 0 ? edge(v, v.bytes()[0]) : NONE;
    }

    /** The class a byte must not have to follow a boundary variant ({@link #NONE} when it has no boundary). */
    public static CharClass right(IdentifierVariant v) {
        return v.boundary() && v.bytes().length > 0 ? edge(v, v.bytes()[v.bytes().length - 1]) : NONE;
    }

    private static CharClass edge(IdentifierVariant v, byte edge) {
        if (edge == '=') {
            return NONE;
        }
        String enc = v.encoding() == null ? "" : v.encoding();
        if (enc.equals("hex") || enc.endsWith("-hex")) {
            return HEX;
        }
        if (enc.equals("base64url")) {
            return BASE64URL;
        }
        if (enc.equals("base64") || enc.endsWith("-base64")) {
            return BASE64;
        }
        if (all(v.bytes(), DIGIT)) {
            return DIGIT;
        }
        if (all(v.bytes(), ALNUM)) {
            return ALNUM;
        }
        return DIGIT.contains(edge) ? DIGIT : ALNUM.contains(edge) ? ALNUM : NONE;
    }

    private static boolean all(byte[] bytes, CharClass c) {
        for (byte b : bytes) {
            if (!c.contains(b)) {
                return false;
            }
        }
        return true;
    }
}
