package org.phonehome.detect.profile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The transforms applied to each value format, named by the report's {@code encoding} vocabulary, in the order they
 * are generated (the first of equal byte strings is kept):
 *
 * <pre>
 * plain          the format's UTF-8 bytes
 * urlencoded     RFC 3986 (%20) upper-hex, lower-hex; form (+ for space) upper-hex, lower-hex
 * base64         fragments at alignments 0, 1, 2 ({@link Base64Fragments}); the whole value, padded
 * base64url      fragments at alignments 0, 1, 2; the whole value, unpadded
 * hex            lower, upper
 * md5-hex, sha1-hex, sha256-hex           digest of the UTF-8 bytes, lower, upper
 * md5-base64, sha1-base64, sha256-base64  digest, standard base64 with padding
 * </pre>
 *
 * Boundary rule: {@code plain} inherits the format's boundary (true for numeric and hex identifiers, whose neighbours
 * must not be digits or hex digits); {@code hex} and {@code *-hex} are always true (hex-digit boundary); urlencoded
 * and every base64 form are false (base64 runs may carry the value anywhere inside them).
 */
final class Transforms {
    private static final HexFormat HEX_LOWER = HexFormat.of();
    private static final HexFormat HEX_UPPER = HexFormat.of().withUpperCase();
    private static final String[][] DIGESTS = {{"md5", "MD5"}, {"sha1", "SHA-1"}, {"sha256", "SHA-256"}};

    private Transforms() {
    }

    /** One transformed byte string. */
    record Encoded(String encoding, byte[] bytes, boolean boundary) {
    }

    /** Every transform of {@code format}, in the order above (may contain equal byte strings). */
    static List<Encoded> of(ValueFormat format) {
        byte[] value = format.text().getBytes(StandardCharsets.UTF_8);
        List<Encoded> out = new ArrayList<>();
        out.add(new Encoded("plain", value, format.boundary()));
        for (boolean form : new boolean[] {false, true}) {
            for (boolean upper : new boolean[] {true, false}) {
                out.add(text("urlencoded", PercentEncoding.encode(format.text(), form, upper), false));
            }
        }
        addBase64(out, "base64", value, false);
        out.add(text("base64", Base64.getEncoder().encodeToString(value), false));
        addBase64(out, "base64url", value, true);
        out.add(text("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(value), false));
        out.add(text("hex", HEX_LOWER.formatHex(value), true));
        out.add(text("hex", HEX_UPPER.formatHex(value), true));
        byte[][] hashes = new byte[DIGESTS.length][];
        for (int i = 0; i < DIGESTS.length; i++) {
            hashes[i] = digest(DIGESTS[i][1], value);
            out.add(text(DIGESTS[i][0] + "-hex", HEX_LOWER.formatHex(hashes[i]), true));
            out.add(text(DIGESTS[i][0] + "-hex", HEX_UPPER.formatHex(hashes[i]), true));
        }
        for (int i = 0; i < DIGESTS.length; i++) {
            out.add(text(DIGESTS[i][0] + "-base64", Base64.getEncoder().encodeToString(hashes[i]), false));
        }
        return out;
    }

    private static void addBase64(List<Encoded> out, String encoding, byte[] value, boolean urlSafe) {
        for (int alignment = 0; alignment < Base64Fragments.ALIGNMENTS; alignment++) {
            out.add(text(encoding, Base64Fragments.fragment(value, alignment, urlSafe), false));
        }
    }

    private static Encoded text(String encoding, String ascii, boolean boundary) {
        return new Encoded(encoding, ascii.getBytes(StandardCharsets.US_ASCII), boundary);
    }

    /** Computes each digest once, so that the libraries' start-up is paid before a profile is read. */
    static void warmUp() {
        for (String[] digest : DIGESTS) {
            digest(digest[1], new byte[] {'0'});
        }
    }

    private static byte[] digest(String algorithm, byte[] value) {
        try {
            return MessageDigest.getInstance(algorithm).digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
