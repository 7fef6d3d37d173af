package org.phonehome.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.phonehome.proto.http.Libdeflate;

/**
 * Inflating gzip response bodies whole, as {@code ContentDecoder} does: libdeflate (through the project's shim)
 * against zlib ({@link Inflater}, the JDK's) into an array of the trailer's size. One operation is one body of 64
 * (JSON documents and HTML pages of 2-120 KB, gzip level 6); {@code ·bytes} counts the bytes inflated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InflateBench {
    private static final int BODIES = 64;
    /** The gzip header as GZIPOutputStream writes it: 10 bytes, no optional fields. */
    private static final int GZIP_HEADER = 10;

    @Param({"libdeflate", "zlib"})
    public String inflater;

    private byte[][] gzip;
    private int[] sizes;
    private Inflater zlib;
    private int next;

    /**
     * From seed 1: the bodies, each inflated once by the chosen inflater and compared with its original (libdeflate
     * must be loaded for its runs: {@code phonehome --version} says whether it is).
     */
    @Setup
    public void setUp() throws IOException {
        Random random = new Random(1);
        gzip = new byte[BODIES][];
        sizes = new int[BODIES];
        zlib = new Inflater(true);
        byte[][] plain = new byte[BODIES][];
        for (int i = 0; i < BODIES; i++) {
            int size = new int[] {2_000, 6_000, 15_000, 40_000, 120_000}[random.nextInt(5)];
            plain[i] = Corpus.ascii(i % 3 == 0 ? html(random, size) : json(random, size));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(plain[i]);
            }
            gzip[i] = out.toByteArray();
            sizes[i] = plain[i].length;
        }
        if (inflater.equals("libdeflate") && !Libdeflate.available()) {
            throw new IllegalStateException("libdeflate is not loaded: " + Libdeflate.status());
        }
        for (int i = 0; i < BODIES; i++) {
            if (!Arrays.equals(inflate(i), plain[i])) {
                throw new IllegalStateException("body " + i + " did not inflate to its original");
            }
        }
    }

    @TearDown
    public void tearDown() {
        zlib.end();
    }

    /** One body inflated whole. */
    @Benchmark
    public byte[] inflate(ByteCounter counter) {
        int i = next;
        next = (i + 1) % BODIES;
        counter.bytes += sizes[i];
        return inflate(i);
    }

    private byte[] inflate(int i) {
        byte[] in = gzip[i];
        byte[] out = new byte[sizes[i]];
        if (inflater.equals("libdeflate")) {
            long r = Libdeflate.decompress(Libdeflate.Format.GZIP, in, 0, in.length, out, 0, out.length);
            if (r < 0) {
                throw new IllegalStateException("libdeflate: " + r);
            }
            return out;
        }
        zlib.reset();
        zlib.setInput(in, GZIP_HEADER, in.length - GZIP_HEADER);
        try {
            int n = 0;
            while (n < out.length && !zlib.finished()) {
                n += zlib.inflate(out, n, out.length - n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** A JSON document of about {@code size} bytes: records of words and numbers, as APIs answer. */
    private static String json(Random random, int size) {
        StringBuilder s = new StringBuilder("{\"code\":0,\"data\":[");
        for (int i = 0; s.length() < size; i++) {
            s.append(i == 0 ? "" : ",").append("{\"id\":").append(random.nextInt(1_000_000_000)).append(",\"name\":\"")
                    .append(Corpus.word(random)).append(' ').append(Corpus.word(random)).append("\",\"score\":")
                    .append(random.nextInt(10_000)).append(",\"tag\":\"").append(Corpus.token(random, 8)).append("\"}");
        }
        return s.append("]}").toString();
    }

    /** An HTML page of about {@code size} bytes: paragraphs of words. */
    private static String html(Random random, int size) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
        while (s.length() < size) {
            s.append("<p>");
            for (int w = 0; w < 60; w++) {
                s.append(Corpus.word(random)).append(' ');
            }
            s.append("</p>\n");
        }
        return s.append("</body></html>").toString();
    }
}
