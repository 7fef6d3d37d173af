package org.phonehome.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.detect.scan.Variants.ascii;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunFinderTest {
    private static final int MIN = ScanLimits.DEFAULT_MIN_BASE64_RUN;

    private static List<String> base64Runs(String text) {
        byte[] b = ascii(text);
        RunFinder f = new RunFinder(MIN, ScanLimits.DEFAULT_MIN_HEX_RUN);
        f.find(b);
        return f.base64.stream().map(r -> new String(b, r.start(), r.end() - r.start(), StandardCharsets.ISO_8859_1)
                + (r.url() ? " url" : "")).toList();
    }

    @Test
    void wordsOfOneCaseAreNotBase64() {
        assertThat(base64Runs("{\"t\":\"notification_session\",\"u\":\"/usr/lib/jvm/java-openjdk\"}")).isEmpty();
        assertThat(base64Runs("\"ACTION_BOOT_COMPLETED\" com-example-analytics-sdk")).isEmpty();
        assertThat(base64Runs("notificationSession1 NOTIFICATION_SESSION_2 notificationSessionX"))
                .containsExactly("notificationSession1", "NOTIFICATION_SESSION_2 url", "notificationSessionX");
    }

    @Test
    void anUpperCaseRunWithoutPlusSlashDashOrUnderscoreIsStillOpened() {
        String b64 = Base64.getEncoder().encodeToString(ascii("DDDDDDDDDDDDDDDD")); // RERERERE...: upper-case hex
        assertThat(b64).matches("[A-Z]+=*");
        assertThat(base64Runs("x=" + b64)).containsExactly(b64);
    }

    @Test
    void theUrlSafePiecesOfAStandardBlobAreNotRuns() {
        byte[] raw = new byte[1536];
        new Random(3).nextBytes(raw);
        String blob = Base64.getEncoder().encodeToString(raw);
        assertThat(base64Runs("\"" + blob + "\"")).containsExactly(blob);
        String urlBlob = Base64.getUrlEncoder().encodeToString(raw);
        assertThat(base64Runs("\"" + urlBlob + "\"")).containsExactly(urlBlob + " url");
    }

    @Test
    void theValueInAUrlPathIsStillAPiece() {
        String v = "ODY0MDQ4MDIxMjM0NTYz";
        assertThat(base64Runs("GET /api/" + v + "/x HTTP/1.1")).containsExactly("/api/" + v + "/x", v);
        assertThat(base64Runs("/a/" + v + "/" + v + "/" + v + "/" + v + "/b")).hasSize(5);
    }

    /**
     * The proofs of RunFinder's class comment, tried: base64 of bytes holding three consecutive bytes below 'h'
     * (digits, hex, upper case, punctuation) always has an upper-case letter; of three consecutive digits,
     * lower-case letters or spaces, a digit or lower-case letter; so base64 of decimal identifiers, in any
     * context, is always opened.
     */
    @Test
    void base64OfIdentifierLikeBytesIsAlwaysOpened() {
        Random rnd = new Random(11);
        String[] alphabets = {"0123456789", "0123456789abcdef", "0123456789ABCDEF", "abcdefghijklmnopqrstuvwxyz",
            "0123456789abcdef-", "0123456789ABCDEF:", "+0123456789 ", "abcdefg.@-_0123456789"};
        for (int k = 0; k < 200_000; k++) {
            String alphabet = alphabets[k % alphabets.length];
            byte[] data = new byte[12 + rnd.nextInt(20)];
            rnd.nextBytes(data);
            int at = rnd.nextInt(data.length - 2);
            int len = 3 + rnd.nextInt(Math.min(15, data.length - at - 2));
            for (int i = at; i < at + len; i++) {
                data[i] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
            }
            String enc = (k % 2 == 0 ? Base64.getEncoder() : Base64.getUrlEncoder()).encodeToString(data);
            int mask = 0;
            for (int i = 0; i < enc.length() && enc.charAt(i) != '='; i++) {
                mask |= RunFinder.classOf((byte) enc.charAt(i));
            }
            boolean belowH = false; // three consecutive bytes below 'h'
            boolean text = false; // three consecutive bytes whose low six bits are 26-61 (digits, a-z, space, ...)
            for (int i = 0; i + 3 <= data.length; i++) {
                boolean b = true;
                boolean t = true;
                for (int j = i; j < i + 3; j++) {
                    b &= (data[j] & 0xff) < 'h';
                    t &= (data[j] & 0x3f) >= 26 && (data[j] & 0x3f) <= 61;
                }
                belowH |= b;
                text |= t;
            }
            if (belowH) {
                assertThat(mask & RunFinder.UPPER).as(enc).isNotZero();
            }
            if (text) {
                assertThat(mask & (RunFinder.DIGIT | RunFinder.LOWER)).as(enc).isNotZero();
            }
            if (belowH && text && (mask & RunFinder.NOT_HEX) != 0) {
                assertThat(RunFinder.base64Candidate(mask)).as(enc).isTrue();
            }
        }
    }

    /** The one-pass finder against the former two-pass search, with the new rules written out plainly. */
    @Test
    void runsEqualThoseOfASimpleReferenceOnRandomText() {
        Random rnd = new Random(2024);
        String[] pieces = {"notification_session", "ACTION_BOOT", "_", "-", "+", "/", "=", "==", "%2F", "\\u002b",
            "\"", ":", ",", " ", "\r\n", "deadbeef", "0123456789abcdefABCDEF", "x", "\u001f\u008b\u0008", "x\u009c",
            "x^", "x\u0001", "x\u00da\u0001"};
        RunFinder defaults = new RunFinder(MIN, ScanLimits.DEFAULT_MIN_HEX_RUN);
        for (int k = 0; k < 3000; k++) {
            StringBuilder sb = new StringBuilder();
            int parts = rnd.nextInt(60);
            for (int p = 0; p < parts; p++) {
                switch (rnd.nextInt(6)) {
                    case 0 -> sb.append(pieces[rnd.nextInt(pieces.length)]);
                    case 1 -> {
                        byte[] raw = new byte[rnd.nextInt(400)];
                        rnd.nextBytes(raw);
                        sb.append((rnd.nextBoolean() ? Base64.getEncoder() : Base64.getUrlEncoder())
                                .encodeToString(raw));
                    }
                    case 2 -> {
                        for (int i = rnd.nextInt(40); i > 0; i--) {
                            sb.append("aB0+/-_=%\\ x".charAt(rnd.nextInt(12)));
                        }
                    }
                    case 3 -> sb.append(java.util.HexFormat.of().formatHex(new byte[rnd.nextInt(20)]));
                    case 4 -> {
                        for (int i = rnd.nextInt(30); i > 0; i--) {
                            sb.append((char) rnd.nextInt(256));
                        }
                    }
                    default -> {
                        for (int i = rnd.nextInt(30); i > 0; i--) {
                            sb.append((char) ('a' + rnd.nextInt(26)));
                        }
                    }
                }
            }
            byte[] b = ascii(sb.toString());
            int minB64 = k % 3 == 0 ? 4 + rnd.nextInt(20) : MIN;
            int minHex = k % 3 == 0 ? 2 + rnd.nextInt(20) : ScanLimits.DEFAULT_MIN_HEX_RUN;
            RunFinder f = k % 3 == 0 ? new RunFinder(minB64, minHex) : defaults;
            f.find(b);
            assertThat(f.base64).as(sb.toString()).isEqualTo(Reference.base64(b, minB64));
            assertThat(f.hex).as(sb.toString()).isEqualTo(Reference.hex(b, minHex));
            String t = sb.toString();
            assertThat(f.firstPercent).isEqualTo(t.indexOf('%') < 0 ? b.length : t.indexOf('%'));
            assertThat(f.firstBackslash).isEqualTo(t.indexOf('\\') < 0 ? b.length : t.indexOf('\\'));
            assertThat(UrlDecoder.applies(b, k % 2 == 0, f.urlFrom(k % 2 == 0)))
                    .isEqualTo(UrlDecoder.applies(b, k % 2 == 0));
            assertThat(JsonUnescaper.applies(b, f.firstBackslash)).isEqualTo(JsonUnescaper.applies(b));
            if (!f.mayUrlDecode(k % 2 == 0)) {
                assertThat(UrlDecoder.applies(b, k % 2 == 0)).isFalse();
            }
            if (!f.mayJsonUnescape()) {
                assertThat(JsonUnescaper.applies(b)).isFalse();
            }
            assertThat(CompressedStreams.nextHeader(b, f.mayHaveStream() ? f.firstHeader : b.length))
                    .isEqualTo(CompressedStreams.nextHeader(b, 0));
        }
    }

    /** The former Base64Runs.find and HexRuns.find (two alphabets searched apart), plus the rules of RunFinder. */
    static final class Reference {
        private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

        static boolean in(byte c, boolean std) {
            return ALNUM.indexOf(c & 0xff) >= 0 || (std ? c == '+' || c == '/' : c == '-' || c == '_');
        }

        static boolean hex(byte c) {
            return "0123456789abcdefABCDEF".indexOf(c & 0xff) >= 0;
        }

        /** The maximal runs of one alphabet, at least min long, not all hex. */
        static List<Base64Runs.Run> runs(byte[] b, int min, boolean std) {
            List<Base64Runs.Run> out = new ArrayList<>();
            int i = 0;
            while (i < b.length) {
                if (!in(b[i], std)) {
                    i++;
                    continue;
                }
                int start = i;
                boolean extra = false;
                boolean allHex = true;
                while (i < b.length && in(b[i], std)) {
                    extra |= ALNUM.indexOf(b[i] & 0xff) < 0;
                    allHex &= hex(b[i]);
                    i++;
                }
                int dataEnd = i;
                while (i < b.length && i - dataEnd < 2 && b[i] == '=') {
                    i++;
                }
                if (dataEnd - start >= min && !allHex) {
                    out.add(new Base64Runs.Run(start, dataEnd, i, !std && extra));
                }
            }
            return out;
        }

        /** Not single-case (no digit and one letter case: lower case only, or upper case with + / - _). */
        static boolean opened(byte[] b, Base64Runs.Run r) {
            boolean digit = false;
            boolean upper = false;
            boolean lower = false;
            boolean extra = false;
            for (int i = r.start(); i < r.dataEnd(); i++) {
                char c = (char) (b[i] & 0xff);
                digit |= Character.isDigit(c);
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                extra |= ALNUM.indexOf(c) < 0;
            }
            return digit || upper && (lower || !extra);
        }

        static boolean plain(byte[] b, Base64Runs.Run r) {
            for (int i = r.start(); i < r.dataEnd(); i++) {
                if (ALNUM.indexOf(b[i] & 0xff) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** Drops the letters-and-digits runs of {@code mine} lying, more than 4 together, in one other run. */
        static List<Base64Runs.Run> withoutPiecesOfBlobs(byte[] b, List<Base64Runs.Run> mine, boolean std) {
            List<Base64Runs.Run> out = new ArrayList<>();
            for (Base64Runs.Run r : mine) {
                if (plain(b, r)) {
                    int s = r.start();
                    int e = r.dataEnd();
                    while (s > 0 && in(b[s - 1], !std)) {
                        s--;
                    }
                    while (e < b.length && in(b[e], !std)) {
                        e++;
                    }
                    if (e - s > r.dataEnd() - r.start()) {
                        int count = 0;
                        for (Base64Runs.Run x : mine) {
                            if (x.start() >= s && x.dataEnd() <= e && plain(b, x)) {
                                count++;
                            }
                        }
                        if (count > RunFinder.MAX_PIECES) {
                            continue;
                        }
                    }
                }
                out.add(r);
            }
            return out;
        }

        static List<Base64Runs.Run> base64(byte[] b, int min) {
            List<Base64Runs.Run> runs = new ArrayList<>();
            for (boolean std : new boolean[] {true, false}) {
                List<Base64Runs.Run> mine = new ArrayList<>();
                for (Base64Runs.Run r : runs(b, min, std)) {
                    if (opened(b, r)) {
                        mine.add(r);
                    }
                }
                runs.addAll(withoutPiecesOfBlobs(b, mine, std));
            }
            runs.sort((x, y) -> x.start() != y.start() ? Integer.compare(x.start(), y.start())
                    : Integer.compare(x.dataEnd(), y.dataEnd()));
            List<Base64Runs.Run> out = new ArrayList<>(runs.size());
            for (Base64Runs.Run r : runs) {
                Base64Runs.Run last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last == null || last.start() != r.start() || last.dataEnd() != r.dataEnd()) {
                    out.add(r);
                }
            }
            return out;
        }

        static List<HexRuns.Run> hex(byte[] b, int min) {
            List<HexRuns.Run> out = new ArrayList<>();
            int i = 0;
            while (i < b.length) {
                if (!hex(b[i])) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < b.length && hex(b[i])) {
                    i++;
                }
                if (i - start >= min && (i - start) % 2 == 0) {
                    out.add(new HexRuns.Run(start, i));
                }
            }
            return out;
        }
    }
}
