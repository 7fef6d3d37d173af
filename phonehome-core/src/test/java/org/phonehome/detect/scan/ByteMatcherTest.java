package org.phonehome.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.detect.scan.Variants.ascii;
import static org.phonehome.detect.scan.Variants.of;
import static org.phonehome.detect.scan.Variants.plain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phonehome.detect.IdentifierVariant;

class ByteMatcherTest {
    private static final String IMEI = "864048021234563";

    /** A match as (pattern index, end offset). */
    private record M(int pattern, int end) {
    }

    private static Set<M> scan(ByteMatcher m, byte[] text) {
        Set<M> out = new HashSet<>();
        List<M> all = new ArrayList<>();
        m.scan(text, 0, text.length, (p, e) -> all.add(new M(p, e)));
        out.addAll(all);
        assertThat(all).as("each occurrence reported once").hasSameSizeAs(out);
        return out;
    }

    private static Set<M> scan(List<IdentifierVariant> vs, String text) {
        return scan(ByteMatcher.compile(vs), ascii(text));
    }

    /** Every (pattern, end) by brute force with indexOf-style comparison, no boundary rule. */
    private static Set<M> naive(List<IdentifierVariant> vs, byte[] text) {
        Set<M> out = new HashSet<>();
        for (int p = 0; p < vs.size(); p++) {
            byte[] pat = vs.get(p).bytes();
            if (pat.length == 0) {
                continue;
            }
            outer:
            for (int i = 0; i + pat.length <= text.length; i++) {
                for (int k = 0; k < pat.length; k++) {
                    if (text[i + k] != pat[k]) {
                        continue outer;
                    }
                }
                out.add(new M(p, i + pat.length));
            }
        }
        return out;
    }

    @Test
    void singlePattern() {
        assertThat(scan(List.of(plain("imei[0]", IMEI)), "GET /a?imei=" + IMEI + "&x=1"))
                .containsExactly(new M(0, 12 + 15));
    }

    @Test
    void noMatchInTextWithoutThePattern() {
        assertThat(scan(List.of(plain("imei[0]", IMEI)), "GET /a?imei=864048021234560&x=1")).isEmpty();
    }

    @Test
    void overlappingOccurrencesOfOnePattern() {
        assertThat(scan(List.of(plain("c", "aaa")), "aaaaa"))
                .containsExactlyInAnyOrder(new M(0, 3), new M(0, 4), new M(0, 5));
    }

    @Test
    void overlappingPatterns() {
        List<IdentifierVariant> vs = List.of(plain("a", "abcd"), plain("b", "cdef"), plain("c", "bc"));
        assertThat(scan(vs, "xabcdefx"))
                .containsExactlyInAnyOrder(new M(0, 5), new M(1, 7), new M(2, 4));
    }

    @Test
    void patternThatIsAPrefixOfAnother() {
        List<IdentifierVariant> vs = List.of(plain("long", "8640480212"), plain("short", "86404"));
        assertThat(scan(vs, "..8640480212..")).containsExactlyInAnyOrder(new M(0, 12), new M(1, 7));
        assertThat(scan(vs, "..86404802..")).containsExactly(new M(1, 7));
    }

    @Test
    void patternThatIsASuffixOfAnother() {
        List<IdentifierVariant> vs = List.of(plain("e164", "+8613800138000"), plain("national", "13800138000"));
        assertThat(scan(vs, "p=+8613800138000;")).containsExactlyInAnyOrder(new M(0, 16), new M(1, 16));
        assertThat(scan(vs, "p=013800138000;")).containsExactly(new M(1, 14));
    }

    @Test
    void identicalVariantsAreBothReported() {
        List<IdentifierVariant> vs = List.of(plain("imei[0]", IMEI), plain("imei[1]", IMEI));
        assertThat(scan(vs, IMEI)).containsExactlyInAnyOrder(new M(0, 15), new M(1, 15));
    }

    @Test
    void emptyVariantNeverMatches() {
        List<IdentifierVariant> vs = List.of(plain("e", ""), plain("x", "x"));
        assertThat(scan(vs, "axb")).containsExactly(new M(1, 2));
    }

    @Test
    void matcherWithoutVariantsOrWithOnlyEmptyOnesReportsNothing() {
        byte[] text = ascii(("imei=" + IMEI + "&x=1 ").repeat(40)); // long enough for the lanes
        assertThat(scan(ByteMatcher.compile(List.of()), text)).isEmpty();
        assertThat(scan(ByteMatcher.compile(List.of(plain("e", ""), plain("f", ""))), text)).isEmpty();
        assertThat(ByteMatcher.compile(List.of()).minLength()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void boundaryRuleRejectsImeiInsideALongerDigitRun() {
        List<IdentifierVariant> vs = List.of(of("imei[0]", "plain", IMEI, true));
        assertThat(scan(vs, "id=12" + IMEI + "987")).as("inside a 20-digit run").isEmpty();
        assertThat(scan(vs, "id=1" + IMEI)).as("digit before").isEmpty();
        assertThat(scan(vs, IMEI + "0&")).as("digit after").isEmpty();
        assertThat(scan(vs, "id=" + IMEI + "&")).containsExactly(new M(0, 18));
        assertThat(scan(vs, "imei" + IMEI + "x")).as("letters are not digits").containsExactly(new M(0, 19));
    }

    @Test
    void boundaryRuleAcceptsAtTheStartAndEndOfTheBuffer() {
        List<IdentifierVariant> vs = List.of(of("imei[0]", "plain", IMEI, true));
        assertThat(scan(vs, IMEI)).containsExactly(new M(0, 15));
        assertThat(scan(vs, IMEI + ",")).containsExactly(new M(0, 15));
        assertThat(scan(vs, "," + IMEI)).containsExactly(new M(0, 16));
    }

    @Test
    void boundaryRuleLooksOnlyInsideTheScannedRange() {
        ByteMatcher m = ByteMatcher.compile(List.of(of("imei[0]", "plain", IMEI, true)));
        byte[] text = ascii("9" + IMEI + "9");
        List<M> got = new ArrayList<>();
        m.scan(text, 1, 15, (p, e) -> got.add(new M(p, e)));
        assertThat(got).containsExactly(new M(0, 16));
    }

    @Test
    void boundaryOfHexVariantsUsesTheHexClassWhateverTheEdgeByte() {
        // an md5-hex starting with a digit is still inside a hex run when preceded by 'f'
        List<IdentifierVariant> vs = List.of(of("imei[0]", "md5-hex", "0a1b2c3d4e5f67890a1b2c3d4e5f6789", true));
        assertThat(scan(vs, "f0a1b2c3d4e5f67890a1b2c3d4e5f6789")).isEmpty();
        assertThat(scan(vs, "g0a1b2c3d4e5f67890a1b2c3d4e5f6789")).hasSize(1);
        assertThat(scan(vs, "0a1b2c3d4e5f67890a1b2c3d4e5f6789A")).isEmpty();
    }

    @Test
    void boundaryOfBase64VariantsUsesTheirAlphabetAndIgnoresPadding() {
        IdentifierVariant b64 = of("imei[0]", "base64", "ODY0MDQ4MDIxMjM0NTYz", true);
        IdentifierVariant url = of("imei[0]", "base64url", "ODY0MDQ4MDIxMjM0NTYz", true);
        IdentifierVariant padded = of("serial", "base64", "YTFiMmMzZDQ=", true);
        assertThat(scan(List.of(b64), "+ODY0MDQ4MDIxMjM0NTYz")).isEmpty();
        assertThat(scan(List.of(url), "+ODY0MDQ4MDIxMjM0NTYz")).hasSize(1);
        assertThat(scan(List.of(url), "_ODY0MDQ4MDIxMjM0NTYz")).isEmpty();
        assertThat(scan(List.of(padded), "=YTFiMmMzZDQ=QQ")).hasSize(1);
        assertThat(scan(List.of(padded), "aYTFiMmMzZDQ=")).isEmpty();
    }

    @Test
    void boundaryOfMixedTextTakesTheEdgeBytesClass() {
        IdentifierVariant phone = of("phone", "plain", "+86 138 0013 8000", true);
        assertThat(scan(List.of(phone), "1+86 138 0013 8000x")).hasSize(1);
        assertThat(scan(List.of(phone), "+86 138 0013 80001")).isEmpty();
        IdentifierVariant email = of("email", "plain", "tester@example.com", true);
        assertThat(scan(List.of(email), "<tester@example.com>")).hasSize(1);
        assertThat(scan(List.of(email), "atester@example.com")).isEmpty();
    }

    @Test
    void hexUpperAndLowerCaseAreSeparateVariants() {
        List<IdentifierVariant> vs = List.of(of("android_id", "hex", "9774d56d682e549c", true),
                of("android_id", "hex", "9774D56D682E549C", true));
        assertThat(scan(vs, "a=9774d56d682e549c")).containsExactly(new M(0, 18));
        assertThat(scan(vs, "a=9774D56D682E549C")).containsExactly(new M(1, 18));
        assertThat(scan(vs, "a=9774d56D682e549c")).isEmpty();
    }

    @Test
    void matchesAreTheSameAsANaiveSearchForRandomPatternsAndText() {
        for (int run = 0; run < 300; run++) {
            Random rnd = new Random(run);
            byte[] alphabet = ascii("abcd".substring(0, 2 + rnd.nextInt(3)));
            List<IdentifierVariant> vs = Variants.random(rnd, 1 + rnd.nextInt(40), 1, 1 + rnd.nextInt(8), alphabet);
            byte[] text = new byte[rnd.nextInt(3000)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
            int dense = 1 + rnd.nextInt(64); // small dense budgets exercise the sparse deep states
            assertThat(scan(ByteMatcher.compile(vs, dense), text)).as("run %d", run).isEqualTo(naive(vs, text));
        }
    }

    @Test
    void interleavedLanesFindTheSameAsNaiveSearchOnLongText() {
        for (int run = 0; run < 20; run++) {
            Random rnd = new Random(1000 + run);
            byte[] alphabet = ascii("abc");
            List<IdentifierVariant> vs = Variants.random(rnd, 50, 1, 12, alphabet);
            byte[] text = new byte[ByteMatcher.LANES_MIN_BYTES + rnd.nextInt(50_000)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
            ByteMatcher m = ByteMatcher.compile(vs, 1 + rnd.nextInt(200));
            assertThat(scan(m, text)).as("run %d", run).isEqualTo(naive(vs, text));
        }
    }

    /** Parts of a few hundred bytes to a few KB (HTTP messages) are scanned in lanes too; any sub-range. */
    @Test
    void lanesOnShortSubRangesFindTheSameAsNaiveSearch() {
        for (int run = 0; run < 400; run++) {
            Random rnd = new Random(5000 + run);
            byte[] alphabet = ascii("0123456789ab".substring(0, 2 + rnd.nextInt(10)));
            List<IdentifierVariant> vs = new ArrayList<>();
            for (IdentifierVariant v : Variants.random(rnd, 1 + rnd.nextInt(30), 1, 2 + rnd.nextInt(60), alphabet)) {
                vs.add(of(v.ref(), "plain", v.bytes(), rnd.nextBoolean())); // some with the boundary rule
            }
            byte[] text = new byte[rnd.nextInt(4000)];
            for (int i = 0; i < text.length; i++) {
                text[i] = rnd.nextInt(8) == 0 ? (byte) ' ' : alphabet[rnd.nextInt(alphabet.length)];
            }
            int off = text.length == 0 ? 0 : rnd.nextInt(Math.min(text.length, 300));
            int len = text.length - off == 0 ? 0 : rnd.nextInt(text.length - off + 1);
            ByteMatcher m = ByteMatcher.compile(vs, 1 + rnd.nextInt(300));
            Set<M> got = new HashSet<>();
            m.scan(text, off, len, (p, e) -> assertThat(got.add(new M(p, e - off))).as("reported once").isTrue());
            assertThat(got).as("run %d", run).isEqualTo(naiveWithBoundaries(vs, text, off, len));
        }
    }

    /** Every (pattern, end) of a sub-range that passes the boundary rule, by brute force. */
    private static Set<M> naiveWithBoundaries(List<IdentifierVariant> vs, byte[] text, int off, int len) {
        byte[] range = java.util.Arrays.copyOfRange(text, off, off + len);
        Set<M> expected = new HashSet<>();
        for (M x : naive(vs, range)) {
            IdentifierVariant v = vs.get(x.pattern());
            int s = x.end() - v.bytes().length;
            boolean left = s == 0 || !CharClass.left(v).contains(range[s - 1]);
            boolean right = x.end() == range.length || !CharClass.right(v).contains(range[x.end()]);
            if (left && right) {
                expected.add(x);
            }
        }
        return expected;
    }

    /**
     * Variants of 8 bytes and more are found by skipping (Wu-Manber): the same matches as brute force, on small
     * alphabets (grams that end variants everywhere, so candidates and the hand-over to the automaton are common)
     * and large ones (long skips), over any sub-range, with the boundary rule.
     */
    @Test
    void skippingFindsTheSameAsNaiveSearch() {
        for (int run = 0; run < 600; run++) {
            Random rnd = new Random(9000 + run);
            byte[] alphabet = run % 3 == 0 ? Variants.allBytes()
                    : ascii("0123456789abcdefghijklmnopqrstuvwxyz".substring(0, 2 + rnd.nextInt(34)));
            List<IdentifierVariant> vs = new ArrayList<>();
            int min = SkipTable.MIN_WINDOW + rnd.nextInt(12);
            for (IdentifierVariant v : Variants.random(rnd, 1 + rnd.nextInt(80), min, min + rnd.nextInt(70),
                    alphabet)) {
                vs.add(of(v.ref(), "plain", v.bytes(), rnd.nextBoolean()));
            }
            byte[] text = new byte[rnd.nextInt(6000)];
            for (int i = 0; i < text.length; i++) {
                text[i] = rnd.nextInt(10) == 0 ? (byte) ' ' : alphabet[rnd.nextInt(alphabet.length)];
            }
            // plant some variants so that there is something to find on large alphabets too
            for (int k = 0; k < 5 && text.length > 200; k++) {
                byte[] v = vs.get(rnd.nextInt(vs.size())).bytes();
                int at = rnd.nextInt(text.length - v.length);
                System.arraycopy(v, 0, text, at, v.length);
            }
            int off = text.length == 0 ? 0 : rnd.nextInt(Math.min(text.length, 300));
            int len = text.length - off == 0 ? 0 : rnd.nextInt(text.length - off + 1);
            ByteMatcher m = ByteMatcher.compile(vs, 1 + rnd.nextInt(300));
            assertThat(m.skips()).isTrue();
            Set<M> got = new HashSet<>();
            m.scan(text, off, len, (p, e) -> assertThat(got.add(new M(p, e - off))).as("reported once").isTrue());
            assertThat(got).as("run %d", run).isEqualTo(naiveWithBoundaries(vs, text, off, len));
        }
    }

    /**
     * A long run of the byte a variant is made of makes every window a candidate: the scan hands over to the
     * automaton and still finds every occurrence once, in about the automaton's time.
     */
    @Test
    void textThatIsAllCandidatesIsHandedToTheAutomaton() {
        IdentifierVariant zeros = of("imei[0]", "plain", "000000000000000", false);
        IdentifierVariant other = of("imsi[0]", "plain", "460019240889479", false);
        byte[] text = new byte[200_000];
        java.util.Arrays.fill(text, (byte) '0');
        System.arraycopy(ascii("460019240889479"), 0, text, 150_000, 15);
        ByteMatcher m = ByteMatcher.compile(List.of(zeros, other));
        assertThat(m.skips()).isTrue();
        assertThat(scan(m, text)).isEqualTo(naive(List.of(zeros, other), text));
        assertTwentyScansTakeUnderFiveSeconds(m, text);
    }

    /** A variant at every possible offset of a text long enough for lanes: found once, wherever the lanes split. */
    @Test
    void skippingFindsAVariantAtEveryOffset() {
        IdentifierVariant imei = of("imei[0]", "plain", IMEI, false);
        IdentifierVariant longer = of("imei[1]", "plain", IMEI + "0123456789", false);
        ByteMatcher m = ByteMatcher.compile(List.of(imei, longer));
        assertThat(m.skips()).isTrue();
        for (int length : new int[] {40, 300, 1031}) {
            for (int at = 0; at + IMEI.length() <= length; at++) {
                byte[] text = new byte[length];
                java.util.Arrays.fill(text, (byte) 'x');
                System.arraycopy(ascii(IMEI), 0, text, at, IMEI.length());
                assertThat(scan(m, text)).as("length %d, at %d", length, at)
                        .containsExactly(new M(0, at + IMEI.length()));
            }
        }
    }

    /**
     * Two thousand long variants that all begin with the same 11 bytes, and a short one that makes those 11 bytes
     * the window: text of that byte makes every window compare them all, 12 bytes each. The comparisons are
     * budgeted in bytes, so the scan hands over to the automaton instead of doing 24,000 byte comparisons a window.
     */
    @Test
    void variantsSharingTheirWindowCostNoMoreThanTheAutomaton() {
        Random rnd = new Random(3);
        List<IdentifierVariant> vs = new ArrayList<>();
        vs.add(of("short[0]", "plain", "yyyyyyyyyyy", false));
        for (int i = 0; i < 2000; i++) {
            StringBuilder v = new StringBuilder("xxxxxxxxxxx");
            for (int k = 0; k < 50; k++) {
                v.append((char) ('a' + rnd.nextInt(26)));
            }
            vs.add(of("long[" + i + "]", "plain", v.toString(), false));
        }
        byte[] text = new byte[200_000];
        java.util.Arrays.fill(text, (byte) 'x');
        byte[] planted = vs.get(1234).bytes();
        System.arraycopy(planted, 0, text, 100_000, planted.length);
        ByteMatcher m = ByteMatcher.compile(vs);
        assertThat(m.skips()).isTrue();
        assertThat(scan(m, text)).containsExactly(new M(1234, 100_000 + planted.length));
        assertTwentyScansTakeUnderFiveSeconds(m, text);
    }

    /** Bounds a scan's cost loosely (a slow machine passes; a quadratic scan of 200 KB does not). */
    private static void assertTwentyScansTakeUnderFiveSeconds(ByteMatcher m, byte[] text) {
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            m.scan(text, 0, text.length, (p, e) -> { });
        }
        assertThat(System.nanoTime() - started).as("20 scans of %d bytes", text.length).isLessThan(5_000_000_000L);
    }

    @Test
    void aVariantShorterThanTheSkipWindowMeansNoSkipping() {
        assertThat(ByteMatcher.compile(List.of(plain("imei[0]", IMEI))).skips()).isTrue();
        assertThat(ByteMatcher.compile(List.of(plain("imei[0]", IMEI), plain("x[0]", "1234567"))).skips()).isFalse();
        assertThat(ByteMatcher.compile(List.of()).skips()).isFalse();
    }

    @Test
    void interleavedLanesApplyTheBoundaryRuleAcrossLaneEdges() {
        IdentifierVariant imei = of("imei[0]", "plain", IMEI, true);
        byte[] text = new byte[100_000];
        java.util.Arrays.fill(text, (byte) 'x');
        List<Integer> expected = new ArrayList<>();
        for (int at = 0; at + 16 < text.length; at += 997) {
            System.arraycopy(ascii(IMEI), 0, text, at, 15);
            if (at % 2 == 0) {
                text[at + 15] = '7'; // longer digit run: not a hit
            } else {
                expected.add(at + 15);
            }
        }
        List<Integer> got = new ArrayList<>();
        ByteMatcher.compile(List.of(imei)).scan(text, 0, text.length, (p, e) -> got.add(e));
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void randomBytesGiveNoHitsForRandomPatternsOfLengthTwelveOrMore() {
        Random rnd = new Random(7);
        List<IdentifierVariant> vs = Variants.random(rnd, 2000, 12, 40, Variants.allBytes());
        byte[] text = new byte[8 << 20];
        rnd.nextBytes(text);
        assertThat(scan(ByteMatcher.compile(vs), text)).isEmpty();
    }

    @Test
    void threeThousandPatternsOfLength8To64CompileUnderOneSecond() {
        Random rnd = new Random(3000);
        List<IdentifierVariant> vs = Variants.random(rnd, 3000, 8, 64, Variants.allBytes());
        ByteMatcher.compile(vs); // warm-up: class loading and JIT are not what is measured
        long t0 = System.nanoTime();
        ByteMatcher m = ByteMatcher.compile(vs);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isLessThan(1000);
        assertThat(m.memoryBytes()).as("a few MB").isLessThan(8L << 20);
    }

    @Test
    void scanningAnEmptyRangeReportsNothing() {
        ByteMatcher m = ByteMatcher.compile(List.of(plain("a", "a")));
        List<M> got = new ArrayList<>();
        m.scan(new byte[0], 0, 0, (p, e) -> got.add(new M(p, e)));
        assertThat(got).isEmpty();
        assertThat(scan(ByteMatcher.compile(List.of()), ascii("abc"))).isEmpty();
    }
}
