package org.phonehome.detect.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.phonehome.detect.IdentifierVariant;

/** Hand-built variants for tests (the profile's variant generator is not used here). */
final class Variants {
    private Variants() {
    }

    static IdentifierVariant of(String ref, String encoding, String text, boolean boundary) {
        return of(ref, encoding, text.getBytes(StandardCharsets.ISO_8859_1), boundary);
    }

    static IdentifierVariant of(String ref, String encoding, byte[] bytes, boolean boundary) {
        String identifier = ref.replaceAll("\\[.*", "");
        return new IdentifierVariant(identifier, "device_id", ref, "as-given", encoding, bytes, boundary);
    }

    static IdentifierVariant plain(String ref, String text) {
        return of(ref, "plain", text, false);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code count} random patterns over the first {@code alphabet} letters of "ab...", lengths in [min, max]. */
    static List<IdentifierVariant> random(Random rnd, int count, int min, int max, byte[] alphabet) {
        List<IdentifierVariant> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[min + rnd.nextInt(max - min + 1)];
            for (int k = 0; k < p.length; k++) {
                p[k] = alphabet[rnd.nextInt(alphabet.length)];
            }
            out.add(of("custom[" + i + "]", "plain", p, false));
        }
        return out;
    }

    static byte[] allBytes() {
        byte[] a = new byte[256];
        for (int i = 0; i < 256; i++) {
            a[i] = (byte) i;
        }
        return a;
    }
}
