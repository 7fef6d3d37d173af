package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.phonehome.detect.IdentifierVariant;
import org.phonehome.detect.scan.ByteMatcher;

/**
 * The matcher's two scans against each other: the skipping one (Wu-Manber, with its lanes and its hand-over to the
 * automaton) must report exactly the automaton's matches, each once, for any variants of 8 to 40 bytes (some with the
 * boundary rule) and any text and sub-range.
 *
 * <p>Input: a count byte, then per variant a length byte, a flag byte and its bytes; the next four bytes choose the
 * sub-range; the rest is the text.
 */
class ByteMatcherFuzzTest {

    @FuzzTest
    void skippingFindsWhatTheAutomatonFinds(byte[] data) {
        int at = 0;
        if (data.length < 2) {
            return;
        }
        int count = 1 + (data[at++] & 0x0f);
        List<IdentifierVariant> variants = new ArrayList<>();
        for (int i = 0; i < count && at + 2 <= data.length; i++) {
            int length = 8 + (data[at++] & 0xff) % 33;
            boolean boundary = (data[at++] & 1) != 0;
            if (at + length > data.length) {
                break;
            }
            byte[] bytes = java.util.Arrays.copyOfRange(data, at, at + length);
            at += length;
            variants.add(new IdentifierVariant("custom", "custom", "custom[" + i + "]", "as-given",
                    i % 3 == 0 ? "hex" : "plain", bytes, boundary));
        }
        if (variants.isEmpty()) {
            return;
        }
        int offPick = at + 2 <= data.length ? ((data[at] & 0xff) << 8 | (data[at + 1] & 0xff)) : 0;
        int lenPick = at + 4 <= data.length ? ((data[at + 2] & 0xff) << 8 | (data[at + 3] & 0xff)) : 0xffff;
        at = Math.min(data.length, at + 4);
        byte[] text = java.util.Arrays.copyOfRange(data, at, data.length);
        int off = text.length == 0 ? 0 : offPick % (text.length + 1);
        int len = lenPick == 0xffff ? text.length - off : lenPick % (text.length - off + 1);
        ByteMatcher skipping = ByteMatcher.compile(variants);
        ByteMatcher automaton = ByteMatcher.compileWithoutSkipping(variants);
        assertThat(matches(skipping, text, off, len)).isEqualTo(matches(automaton, text, off, len));
    }

    private static Set<Long> matches(ByteMatcher m, byte[] text, int off, int len) {
        Set<Long> out = new HashSet<>();
        m.scan(text, off, len, (p, end) -> assertThat(out.add((long) p << 32 | end)).as("reported once").isTrue());
        return out;
    }
}
