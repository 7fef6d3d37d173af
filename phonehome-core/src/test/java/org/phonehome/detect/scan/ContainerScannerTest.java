package org.phonehome.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.detect.scan.Variants.ascii;
import static org.phonehome.detect.scan.Variants.of;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.detect.IdentifierVariant;
import org.phonehome.proto.MessagePart;

class ContainerScannerTest {
    private static final String IMEI = "864048021234563";
    private static final String IMEI_B64 = Base64.getEncoder().encodeToString(ascii(IMEI)); // ODY0MDQ4MDIxMjM0NTYz

    private static final List<IdentifierVariant> VARIANTS = List.of(
            of("imei[0]", "plain", IMEI, true),
            of("imei[0]", "base64", IMEI_B64, true),
            of("phone", "plain", "+86 138 0013 8000", true),
            of("canary", "plain", "PHCANARY-2KBMW62GXD", false));

    private final Counters anomalies = new Counters();

    private List<Hit> scan(byte[] value) {
        return scan(value, ScanLimits.DEFAULT);
    }

    private List<Hit> scan(byte[] value, ScanLimits limits) {
        return new ContainerScanner(ByteMatcher.compile(VARIANTS), limits).scan(value, List.of(), false, anomalies);
    }

    private static List<String> refsAndLayers(List<Hit> hits) {
        return hits.stream().map(h -> h.variant().ref() + "/" + h.variant().encoding() + " " + h.layers()).toList();
    }

    static byte[] gzip(byte[] b) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                gz.write(b);
            }
            return bos.toByteArray();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzipZeros(int mib) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                byte[] mb = new byte[1 << 20];
                for (int i = 0; i < mib; i++) {
                    gz.write(mb);
                }
            }
            return bos.toByteArray();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] zlib(byte[] b) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(bos, new Deflater(9))) {
                z.write(b);
            }
            return bos.toByteArray();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] b64(byte[] b) {
        return Base64.getEncoder().encode(b);
    }

    static byte[] concat(String a, byte[] b, String c) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        bos.writeBytes(ascii(a));
        bos.writeBytes(b);
        bos.writeBytes(ascii(c));
        return bos.toByteArray();
    }

    @Test
    void plainValueAtTheTopLevelHasTheRawOffset() {
        List<Hit> hits = scan(ascii("a=1&imei=" + IMEI + "&b=2"));
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.topLevel()).isTrue();
            assertThat(h.layers()).isEmpty();
            assertThat(h.offset()).isEqualTo(9);
            assertThat(h.rawOffset()).isEqualTo(9);
            assertThat(h.rawLength()).isEqualTo(15);
            assertThat(new String(h.context(), StandardCharsets.ISO_8859_1)).isEqualTo("a=1&imei=" + IMEI + "&b=2");
            assertThat(h.contextOffset()).isEqualTo(9);
        });
    }

    @Test
    void partLayersComeFirst() {
        MessagePart part = new MessagePart("body", null, b64(ascii("{\"imei\":\"" + IMEI + "\"}")), List.of("gzip"));
        List<Hit> hits = new ContainerScanner(ByteMatcher.compile(VARIANTS), ScanLimits.DEFAULT).scan(part, anomalies);
        assertThat(refsAndLayers(hits)).containsExactly("imei[0]/plain [gzip, base64]");
        assertThat(hits.get(0).topLevel()).isFalse();
    }

    @Test
    void base64OfJsonWithTheImeiInAQueryString() {
        // Android's JSONObject writes "/" as "\/": the IMEI is visible after base64 alone, no json layer needed
        String json = "{\"url\":\"https:\\/\\/api.example.com\\/v1?imei=" + IMEI + "&v=2\"}";
        byte[] body = concat("data=", b64(ascii(json)), "&t=1");
        List<Hit> hits = scan(body);
        assertThat(refsAndLayers(hits)).containsExactly("imei[0]/plain [base64]");
        Hit h = hits.get(0);
        assertThat(h.rawOffset()).as("the base64 run in the raw value").isGreaterThanOrEqualTo(5);
        assertThat(h.rawOffset() + h.rawLength()).isLessThanOrEqualTo(body.length - 4);
    }

    @Test
    void base64OfJsonWithAnEscapedValueAddsTheJsonLayer() {
        String json = "{\"phone\":\"\\u002b86 138 0013 8000\"}"; // + written as \u002b
        List<Hit> hits = scan(concat("d=", b64(ascii(json)), ""));
        assertThat(refsAndLayers(hits)).containsExactly("phone/plain [base64, json]");
    }

    @Test
    void designExampleValueInsideBase64OfGzipOfJson() {
        String json = "{\"contacts\":[{\"n\":\"Canary\",\"tel\":\"\\u002B86 138 0013 8000\"}]}";
        List<Hit> hits = scan(concat("payload=", b64(gzip(ascii(json))), ""));
        assertThat(refsAndLayers(hits)).containsExactly("phone/plain [base64, gzip, json]");
        assertThat(anomalies.total()).isZero();
    }

    @Test
    void unescapedJsonInsideBase64OfGzipHasNoJsonLayer() {
        List<Hit> hits = scan(b64(gzip(ascii("{\"imei\":\"" + IMEI + "\"}"))));
        assertThat(refsAndLayers(hits)).containsExactly("imei[0]/plain [base64, gzip]");
    }

    @Test
    void urlEncodedInsideBase64() {
        String form = "name=x&phone=%2B86%20138%200013%208000&z=1";
        assertThat(refsAndLayers(scan(b64(ascii(form))))).containsExactly("phone/plain [base64, urlencoded]");
    }

    @Test
    void plusIsASpaceOnlyInFormContext() {
        byte[] form = ascii("phone=%2B86+138+0013+8000");
        ContainerScanner s = new ContainerScanner(ByteMatcher.compile(VARIANTS), ScanLimits.DEFAULT);
        assertThat(s.scan(new MessagePart("form", "phone", form, List.of()), anomalies)).hasSize(1);
        assertThat(s.scan(new MessagePart("header", "x", form, List.of()), anomalies)).isEmpty();
    }

    @Test
    void plainValueFoundAtTheTopIsNotReportedAgainAfterUrlDecoding() {
        List<Hit> hits = scan(ascii("imei=" + IMEI + "&n=%41%42"));
        assertThat(refsAndLayers(hits)).containsExactly("imei[0]/plain []");
    }

    @Test
    void valueFoundOnlyAfterUrlDecodingGetsTheLayerAndARawSpan() {
        byte[] v = ascii("x=1&canary=PHCANARY%2D2KBMW62GXD&y");
        List<Hit> hits = scan(v);
        assertThat(refsAndLayers(hits)).containsExactly("canary/plain [urlencoded]");
        Hit h = hits.get(0);
        assertThat(new String(v, h.rawOffset(), h.rawLength(), StandardCharsets.ISO_8859_1))
                .isEqualTo("PHCANARY%2D2KBMW62GXD");
    }

    @Test
    void base64FormOfTheImeiIsReportedOnceAsBase64NotAgainAsPlainInsideIt() {
        List<Hit> hits = scan(ascii("id=" + IMEI_B64 + "&x=1"));
        assertThat(refsAndLayers(hits)).containsExactly("imei[0]/base64 []");
    }

    @Test
    void base64InsideAUrlEncodedFormIsReportedOnce() {
        byte[] blob = b64(ascii("{\"k\":\"" + "PHCANARY-2KBMW62GXD" + "\",\"pad\":\"xx\"}"));
        String enc = new String(blob, StandardCharsets.ISO_8859_1).replace("=", "%3D");
        List<Hit> hits = scan(ascii("a=%20b&data=" + enc));
        assertThat(refsAndLayers(hits)).containsExactly("canary/plain [base64]");
    }

    @Test
    void base64urlRunIsLabelledBase64url() {
        String u = "";
        for (int seed = 0; !u.contains("-") && !u.contains("_"); seed++) {
            byte[] raw = new byte[40];
            new Random(seed).nextBytes(raw);
            u = Base64.getUrlEncoder().withoutPadding().encodeToString(concat("", raw, "|PHCANARY-2KBMW62GXD|"));
        }
        assertThat(refsAndLayers(scan(ascii("/v1/" + u + "/x")))).containsExactly("canary/plain [base64url]");
    }

    @Test
    void hexRunHoldingGzipIsOpened() {
        String hex = java.util.HexFormat.of().formatHex(gzip(ascii("canary PHCANARY-2KBMW62GXD here")));
        assertThat(refsAndLayers(scan(ascii("blob=" + hex)))).containsExactly("canary/plain [hex, gzip]");
    }

    @Test
    void zlibStreamInsideBinaryIsInflated() {
        byte[] body = concat("\u0000\u0001junk", zlib(ascii("imei=" + IMEI)), "tail");
        assertThat(refsAndLayers(scan(body))).containsExactly("imei[0]/plain [deflate]");
    }

    /**
     * Parts shorter than every variant and than the shortest run opened are answered without a scan when they hold
     * no byte a decoder could turn into any other: the answer, hits and anomalies, must be the full scan's. The
     * inputs are made of the bytes that matter (escapes, {@code +}, gzip and zlib header bytes, base64 and hex
     * characters), with the runs allowance 0 as well, where opening anything is counted.
     */
    @Test
    void shortPartsGiveWhatTheFullScanGives() {
        byte[] alphabet = concat("0123456789abcdefXYZ+/=-_%\\ ", new byte[] {0x1f, (byte) 0x8b, 0x78, (byte) 0x9c,
            (byte) 0xda, 0x01, 0x5e, 0x00}, "");
        ScanLimits d = ScanLimits.DEFAULT;
        ScanLimits noRuns = new ScanLimits(d.maxDepth(), d.maxDecodedBytes(), d.maxInflateBytes(),
                d.maxInflateRatio(), 0, d.minBase64Run(), d.minHexRun(), d.maxHitsPerPart(), d.contextBytes());
        ByteMatcher matcher = ByteMatcher.compile(VARIANTS);
        Random rnd = new Random(3);
        for (ScanLimits limits : List.of(d, noRuns)) {
            ContainerScanner scanner = new ContainerScanner(matcher, limits);
            for (int i = 0; i < 20_000; i++) {
                byte[] value = new byte[rnd.nextInt(18)];
                for (int k = 0; k < value.length; k++) {
                    value[k] = alphabet[rnd.nextInt(alphabet.length)];
                }
                boolean form = rnd.nextBoolean();
                Counters quick = new Counters();
                List<Hit> got = scanner.scan(value, List.of(), form, quick);
                Counters full = new Counters();
                PartScan scan = new PartScan(matcher, limits, full);
                scan.run(value, List.of(), form);
                assertThat(got).as("%s", java.util.HexFormat.of().formatHex(value)).isEqualTo(scan.hits());
                assertThat(quick.snapshot()).isEqualTo(full.snapshot());
            }
        }
    }

    @Test
    void aRememberingScannerAnswersEveryPartAsAFullScanDoes() {
        ScanLimits d = ScanLimits.DEFAULT;
        ScanLimits fewRuns = new ScanLimits(d.maxDepth(), d.maxDecodedBytes(), d.maxInflateBytes(),
                d.maxInflateRatio(), 1, d.minBase64Run(), d.minHexRun(), d.maxHitsPerPart(), d.contextBytes());
        ByteMatcher matcher = ByteMatcher.compile(VARIANTS);
        // Parts that repeat: names and values with nothing, with a hit, with a hit only in form context, and with
        // runs past the limit (counted at every scan).
        List<byte[]> pool = new java.util.ArrayList<>();
        for (String v : List.of("api.example-cdn.com.", "okhttp/4.9.2 Dalvik/2.1.0 (Linux; U; Android 11)",
                "imei=" + IMEI, "id=" + IMEI_B64, "%2B86+138+0013+8000", "x" + IMEI.substring(1),
                "QUJDREVGR0hJSktMTU5PUFFS QUJDREVGR0hJSktMTU5PUFFS QUJDREVGR0hJSktMTU5PUFFS", "")) {
            pool.add(ascii(v));
        }
        pool.add(gzip(ascii("imei " + IMEI)));
        pool.add(new byte[300]); // longer than what is remembered
        Random rnd = new Random(5);
        for (int i = 0; i < 40; i++) {
            byte[] v = new byte[8 + rnd.nextInt(40)];
            for (int k = 0; k < v.length; k++) {
                v[k] = (byte) "0123456789abcdefXYZ+/=-_%".charAt(rnd.nextInt(25));
            }
            pool.add(v);
        }
        for (ScanLimits limits : List.of(d, fewRuns)) {
            ContainerScanner remembering = new ContainerScanner(matcher, limits, 16);
            ContainerScanner plain = new ContainerScanner(matcher, limits);
            for (int i = 0; i < 20_000; i++) {
                byte[] value = pool.get(rnd.nextInt(pool.size()));
                boolean form = rnd.nextBoolean();
                List<String> layers = rnd.nextInt(8) == 0 ? List.of("gzip") : List.of();
                Counters got = new Counters();
                Counters want = new Counters();
                List<Hit> a = remembering.scan(value, layers, form, got);
                List<Hit> b = plain.scan(value, layers, form, want);
                assertThat(hitText(a)).as("%s form %s", new String(value, java.nio.charset.StandardCharsets.ISO_8859_1),
                        form).isEqualTo(hitText(b));
                assertThat(got.snapshot()).isEqualTo(want.snapshot());
            }
        }
    }

    @Test
    void aPartRememberedAsHoldingNothingIsScannedAgainInAFormWhereItHoldsAValue() {
        ContainerScanner scanner = new ContainerScanner(ByteMatcher.compile(VARIANTS), ScanLimits.DEFAULT, 16);
        byte[] value = ascii("%2B86+138+0013+8000");
        for (int i = 0; i < 3; i++) {
            assertThat(scanner.scan(value, List.of(), false, anomalies)).isEmpty();
        }
        assertThat(refsAndLayers(scanner.scan(value, List.of(), true, anomalies)))
                .containsExactly("phone/plain [urlencoded]");
    }

    private static List<String> hitText(List<Hit> hits) {
        return hits.stream().map(h -> h.variant().ref() + "/" + h.variant().encoding() + " " + h.layers() + " @"
                + h.offset() + "+" + h.length() + " raw " + h.rawOffset() + "+" + h.rawLength() + " "
                + java.util.HexFormat.of().formatHex(h.context()) + "@" + h.contextOffset()).toList();
    }

    @Test
    void aShortZlibStreamIsStillOpenedForTheLongerValueInsideIt() {
        String value = "1".repeat(60);
        byte[] stream = zlib(ascii(value));
        assertThat(stream.length).isLessThan(ScanLimits.DEFAULT.minBase64Run());
        ContainerScanner scanner = new ContainerScanner(
                ByteMatcher.compile(List.of(of("custom[0]", "plain", value, false))), ScanLimits.DEFAULT);
        assertThat(refsAndLayers(scanner.scan(stream, List.of(), false, anomalies)))
                .containsExactly("custom[0]/plain [deflate]");
    }

    @Test
    void hundredDeepNestedBase64IsBoundedByDepth() {
        byte[] v = ascii("imei=" + IMEI);
        for (int i = 0; i < 50; i++) { // base64 of gzip keeps the size small; 100 layers in all
            v = b64(gzip(v));
        }
        long t0 = System.nanoTime();
        List<Hit> hits = scan(v);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        assertThat(hits).isEmpty();
        assertThat(anomalies.get(ScanAnomalies.DEPTH_LIMIT)).isGreaterThanOrEqualTo(1);
        // within the depth limit it is found
        Counters c = new Counters();
        byte[] shallow = b64(gzip(b64(gzip(ascii("imei=" + IMEI)))));
        assertThat(new ContainerScanner(ByteMatcher.compile(VARIANTS), ScanLimits.DEFAULT)
                .scan(shallow, List.of(), false, c)).hasSize(1);
    }

    @Test
    void hundredDeepNestedJsonEscapingIsBoundedByDepth() {
        // each unescaping halves the backslashes: 2^12 of them need 12 levels to reach the \u002d
        String v = "PHCANARY" + "\\".repeat(1 << 12) + "u002d2KBMW62GXD";
        List<Hit> hits = scan(ascii(v));
        assertThat(hits).isEmpty();
        assertThat(anomalies.get(ScanAnomalies.DEPTH_LIMIT)).isEqualTo(1);
    }

    @Test
    void twentyMegabyteBase64RunIsBoundedInWorkAndMemory() {
        byte[] raw = new byte[15 << 20];
        new Random(20).nextBytes(raw);
        byte[] run = b64(raw); // 20 MiB of base64
        long t0 = System.nanoTime();
        List<Hit> hits = scan(run, ScanLimits.DEFAULT.withMaxDecodedBytes(4 << 20));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
        assertThat(hits).isEmpty();
        assertThat(anomalies.get(ScanAnomalies.DECODED_BYTES_LIMIT)).isGreaterThanOrEqualTo(1);
        Counters c = new Counters();
        new ContainerScanner(ByteMatcher.compile(VARIANTS), ScanLimits.DEFAULT).scan(run, List.of(), false, c);
        assertThat(c.get(ScanAnomalies.INTERNAL_ERROR)).isZero();
    }

    @Test
    void gzipBombIsCutAndCounted() {
        byte[] bomb = gzipZeros(200); // 200 MiB of zeros in ~200 KB
        assertThat(bomb.length).isLessThan(1 << 20);
        long t0 = System.nanoTime();
        List<Hit> hits = scan(bomb);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
        assertThat(hits).isEmpty();
        assertThat(anomalies.get(ScanAnomalies.INFLATE_RATIO_LIMIT)).isEqualTo(1);
    }

    @Test
    void gzipPastTheDecodedBudgetIsCutAndStillScanned() {
        byte[] text = concat("imei=" + IMEI + ";", new byte[3 << 20], "");
        List<Hit> hits = scan(gzip(text), ScanLimits.DEFAULT.withMaxDecodedBytes(1 << 20));
        assertThat(refsAndLayers(hits)).containsExactly("imei[0]/plain [gzip]");
        assertThat(anomalies.get(ScanAnomalies.DECODED_BYTES_LIMIT)).isEqualTo(1);
    }

    @Test
    void invalidGzipIsCountedNotThrown() {
        byte[] bad = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2};
        assertThat(scan(bad)).isEmpty();
        assertThat(anomalies.get(ScanAnomalies.INFLATE_ERROR)).isEqualTo(1);
    }

    @Test
    void withoutVariantsNothingIsOpenedAndNothingCounted() {
        byte[] bad = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2};
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        byte[] deep = ascii("x=" + b64.encodeToString(b64.encode(ascii("imei=" + IMEI)))); // base64 in base64
        ScanLimits oneDeep = ScanLimits.DEFAULT.withMaxDepth(1);
        ContainerScanner none = new ContainerScanner(ByteMatcher.compile(List.of()), oneDeep);
        for (byte[] value : List.of(bad, deep, gzip(concat("imei=" + IMEI, new byte[3 << 20], "")))) {
            assertThat(none.scan(value, List.of(), false, anomalies)).isEmpty();
        }
        assertThat(anomalies.isEmpty()).as(anomalies.toString()).isTrue();
        // The same parts with a variant to look for are opened, and their bounds counted.
        ContainerScanner some = new ContainerScanner(ByteMatcher.compile(VARIANTS), oneDeep);
        some.scan(bad, List.of(), false, anomalies);
        some.scan(deep, List.of(), false, anomalies);
        assertThat(anomalies.get(ScanAnomalies.INFLATE_ERROR)).isEqualTo(1);
        assertThat(anomalies.get(ScanAnomalies.DEPTH_LIMIT)).isEqualTo(1);
    }

    @Test
    void truncatedGzipKeepsWhatItInflated() {
        byte[] g = gzip(concat("imei=" + IMEI + ";", new byte[100_000], "more"));
        byte[] cut = java.util.Arrays.copyOf(g, g.length / 2);
        assertThat(refsAndLayers(scan(cut))).containsExactly("imei[0]/plain [gzip]");
        assertThat(anomalies.get(ScanAnomalies.INFLATE_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void tooManyRunsAreCounted() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append("QUFBQUFBQUFBQUFBQUFBQUFB").append(i).append(' ');
        }
        scan(ascii(sb.toString()));
        assertThat(anomalies.get(ScanAnomalies.RUNS_LIMIT)).isEqualTo(1);
    }

    /**
     * Ordinary JSON must not use up {@link ScanLimits#maxRunsPerLevel()}: 16+ character snake_case and
     * UPPER_SNAKE words look like base64url, and a standard base64 blob is cut into dozens of base64url pieces at
     * its {@code +} and {@code /}. Values encoded after all that must still be found.
     */
    @Test
    void wordsAndTheUrlSafePiecesOfBlobsDoNotUseUpTheRunsAllowance() {
        Random rnd = new Random(7);
        String[] words = {"notification_session", "app_foreground_time", "background_fetch_result",
            "ACTION_BOOT_COMPLETED", "PERMISSION_DENIED_FOREVER", "com-example-analytics-sdk"};
        StringBuilder json = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 320; i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\":\"").append(words[i % words.length])
                    .append("\",\"n\":").append(i).append('}');
        }
        json.append("]");
        for (int k = 0; k < 4; k++) {
            byte[] raw = new byte[1536];
            rnd.nextBytes(raw);
            String blob = Base64.getEncoder().encodeToString(raw); // 2 KiB, a + or / every 32 characters
            assertThat(blob).contains("+").contains("/");
            json.append(",\"blob").append(k).append("\":\"").append(blob).append('"');
        }
        json.append(",\"id\":\"").append(java.util.HexFormat.of().formatHex(ascii(IMEI))).append('"');
        json.append(",\"ctx\":\"").append(new String(b64(ascii("{\"note\":\"PHCANARY-2KBMW62GXD\"}")),
                StandardCharsets.ISO_8859_1)).append("\"}");
        List<Hit> hits = scan(ascii(json.toString()));
        assertThat(refsAndLayers(hits)).containsExactly("canary/plain [base64]", "imei[0]/plain [hex]");
        assertThat(anomalies.get(ScanAnomalies.RUNS_LIMIT)).isZero();
    }

    @Test
    void hitsPastTheLimitAreCounted() {
        byte[] many = ascii((IMEI + ",").repeat(5000));
        List<Hit> hits = scan(many, new ScanLimits(8, 1 << 20, 1 << 20, 100, 16, 16, 16, 100, 8));
        assertThat(hits).hasSize(100);
        assertThat(anomalies.get(ScanAnomalies.HITS_LIMIT)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void randomBytesNeverThrowAndFindNothing() {
        ContainerScanner s = new ContainerScanner(ByteMatcher.compile(VARIANTS), ScanLimits.DEFAULT);
        Random rnd = new Random(99);
        for (int run = 0; run < 500; run++) {
            byte[] b = new byte[rnd.nextInt(4000)];
            rnd.nextBytes(b);
            if (run % 3 == 0) { // sprinkle headers and escapes so the decoders get hostile input
                for (int k = 0; k + 3 < b.length; k += 97) {
                    b[k] = (byte) (k % 2 == 0 ? 0x1f : 0x78);
                    b[k + 1] = (byte) (k % 2 == 0 ? 0x8b : 0x9c);
                    b[k + 2] = (byte) (k % 2 == 0 ? 8 : b[k + 2]);
                }
            }
            assertThat(s.scan(b, List.of(), run % 2 == 0, anomalies)).isEmpty();
        }
        assertThat(anomalies.get(ScanAnomalies.INTERNAL_ERROR)).isZero();
    }
}
