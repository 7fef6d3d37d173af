package org.phonehome.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.phonehome.Counters;
import org.phonehome.detect.scan.ContainerScanner;
import org.phonehome.detect.scan.Hit;
import org.phonehome.detect.scan.ScanLimits;

/**
 * ContainerScanner over a 256 KiB upload body holding base64 runs, hex runs and a gzip member of JSON with the
 * IMEI, opened recursively or matched as it stands (maxDepth 0): score in bodies/s (x 0.25 = MiB/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContainerScanBench {
    static final int SIZE = 256 << 10;

    private ContainerScanner recursive;
    private ContainerScanner topLevel;
    private byte[] body;

    /**
     * From seed 1: small JSON events, every 100th with a hex run of 32 random bytes, every 1000th with a base64
     * run of 1 KiB of random bytes, one with base64 of JSON with the Android ID, one with hex of JSON with the
     * phone number; then, multipart-style, a gzip member of about 8 KB of JSON with the IMEI. Checks that the
     * three values are found through their containers and that no scan bound ({@code scan_*_limit}) was hit.
     */
    @Setup
    public void setUp() throws IOException {
        var matcher = Corpus.matcher();
        recursive = new ContainerScanner(matcher, ScanLimits.DEFAULT);
        topLevel = new ContainerScanner(matcher, ScanLimits.DEFAULT.withMaxDepth(0));
        Random random = new Random(1);
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        GZIPOutputStream z = new GZIPOutputStream(member);
        z.write(Corpus.ascii(json(random, "\"imei\":\"" + Corpus.IMEI + "\"")));
        z.close();
        byte[] gzip = member.toByteArray();
        String boundary = "\r\n--bench-boundary\r\nContent-Type: application/gzip\r\n\r\n";
        int textSize = SIZE - gzip.length - boundary.length() - 4;
        StringBuilder text = new StringBuilder("{\"records\":[");
        Base64.Encoder base64 = Base64.getEncoder();
        HexFormat hex = HexFormat.of();
        for (int i = 0; text.length() < textSize; i++) {
            text.append(i == 0 ? "" : ",").append("{\"name\":\"").append(Corpus.word(random)).append("\",\"t\":")
                    .append(random.nextInt(1_000_000)).append(",\"v\":\"").append(Corpus.word(random)).append('"');
            if (i % 1000 == 250) {
                text.append(",\"blob\":\"").append(base64.encodeToString(Corpus.randomBytes(random, 1024))).append('"');
            } else if (i == 2000) {
                text.append(",\"ctx\":\"").append(base64.encodeToString(
                        Corpus.ascii(json(random, "\"aid\":\"" + Corpus.ANDROID_ID + "\"")))).append('"');
            } else if (i == 3000) {
                text.append(",\"ctx\":\"").append(hex.formatHex(
                        Corpus.ascii(json(random, "\"msisdn\":\"" + Corpus.PHONE + "\"")))).append('"');
            } else if (i % 100 == 50) {
                text.append(",\"sig\":\"").append(hex.formatHex(Corpus.randomBytes(random, 32))).append('"');
            }
            text.append('}');
        }
        text.setLength(textSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE);
        out.writeBytes(Corpus.ascii(text.toString()));
        out.writeBytes(Corpus.ascii(boundary));
        out.writeBytes(gzip);
        out.writeBytes(Corpus.ascii("\r\n--"));
        body = out.toByteArray();
        Counters anomalies = new Counters();
        List<Hit> hits = recursive.scan(body, List.of(), false, anomalies);
        String found = hits.stream().map(h -> h.variant().identifier() + "/" + h.variant().encoding() + h.layers())
                .toList().toString();
        if (body.length != SIZE || anomalies.toString().contains("_limit") || !found.contains("[gzip]")
                || !found.contains("[hex]") || !found.contains("android_id")) {
            throw new IllegalStateException(body.length + " bytes, hits " + found + ", anomalies " + anomalies);
        }
    }

    /** Matched, then base64/hex runs and gzip/zlib headers searched and opened recursively (the device's uploads). */
    @Benchmark
    public void recursive(Blackhole bh, ByteCounter counter) {
        bh.consume(recursive.scan(body, List.of(), false, new Counters()));
        counter.bytes += SIZE;
    }

    /** Matched as it stands, nothing opened (what a server's responses get): the baseline for the above. */
    @Benchmark
    public void topLevelOnly(Blackhole bh, ByteCounter counter) {
        bh.consume(topLevel.scan(body, List.of(), false, new Counters()));
        counter.bytes += SIZE;
    }

    /** About 8 KB of event JSON with {@code field} in the middle. */
    private static String json(Random random, String field) {
        StringBuilder s = new StringBuilder("{\"events\":[");
        for (int i = 0; s.length() < 8000; i++) {
            s.append(i == 0 ? "" : ",").append("{\"name\":\"").append(Corpus.word(random)).append("\",\"t\":")
                    .append(random.nextInt(1_000_000)).append(i == 30 ? "," + field : "").append('}');
        }
        return s.append("]}").toString();
    }

}
