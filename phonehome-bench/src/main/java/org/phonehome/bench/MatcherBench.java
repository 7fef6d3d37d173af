package org.phonehome.bench;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.phonehome.detect.scan.ByteMatcher;
import org.phonehome.detect.scan.MatchSink;

/** ByteMatcher of the example profile over 1 MiB of HTTP requests, whole or request by request: score in MiB/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatcherBench {
    static final int SIZE = 1 << 20;
    /** Occurrences planted in {@link #withMatches}. */
    static final int PLANTED = 8;

    /** {@code skip}: as audits scan; {@code automaton}: every byte stepped through the automaton (the baseline). */
    @Param({"skip", "automaton"})
    public String mode;

    private ByteMatcher matcher;
    private byte[] clean;
    private byte[] withMatches;
    /** Start of each request in {@link #clean} (and a last entry: its length). */
    private int[] requests;

    /** Requests from seed 1 up to 1 MiB; the second copy has 8 of the profile's values planted in it. */
    @Setup
    public void setUp() {
        matcher = Corpus.matcher(mode.equals("skip"));
        Random random = new Random(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE + 4096);
        List<Integer> starts = new ArrayList<>();
        while (out.size() < SIZE) {
            starts.add(out.size());
            out.writeBytes(Corpus.ascii(Corpus.request(random)));
        }
        clean = java.util.Arrays.copyOf(out.toByteArray(), SIZE);
        starts.add(SIZE);
        requests = starts.stream().mapToInt(Integer::intValue).toArray();
        withMatches = clean.clone();
        String[] planted = {"imei=" + Corpus.IMEI + "&", "\"aid\":\"" + Corpus.ANDROID_ID + "\"",
            "mac=" + Corpus.MAC + "&", "\"msisdn\":\"" + Corpus.PHONE + "\"", "\"note\":\"" + Corpus.CANARY + "\""};
        for (int k = 0; k < PLANTED; k++) {
            byte[] p = Corpus.ascii(planted[k % planted.length]);
            System.arraycopy(p, 0, withMatches, (int) ((k + 0.5) * SIZE / PLANTED), p.length);
        }
        if (count(clean) != 0 || count(withMatches) < PLANTED) {
            throw new IllegalStateException("matches: clean " + count(clean) + ", planted " + count(withMatches));
        }
    }

    private long count(byte[] b) {
        long[] n = {0};
        matcher.scan(b, 0, b.length, (p, end) -> n[0]++);
        return n[0];
    }

    /** 1 MiB without a match, one call (four lanes: of the skip loop for a profile's variants). */
    @Benchmark
    public void clean(Blackhole bh, ByteCounter counter) {
        Sink sink = new Sink();
        matcher.scan(clean, 0, SIZE, sink);
        sink.report(bh, counter);
    }

    /** 1 MiB with 8 planted values, one call. */
    @Benchmark
    public void fewMatches(Blackhole bh, ByteCounter counter) {
        Sink sink = new Sink();
        matcher.scan(withMatches, 0, SIZE, sink);
        sink.report(bh, counter);
    }

    /** The same 1 MiB without a match, one call per request (~1 KB each). */
    @Benchmark
    public void cleanPerRequest(Blackhole bh, ByteCounter counter) {
        Sink sink = new Sink();
        int[] r = requests;
        for (int i = 0; i + 1 < r.length; i++) {
            matcher.scan(clean, r[i], r[i + 1] - r[i], sink);
        }
        sink.report(bh, counter);
    }

    private static final class Sink implements MatchSink {
        long sum;

        void report(Blackhole bh, ByteCounter counter) {
            bh.consume(sum);
            counter.bytes += SIZE;
        }

        @Override
        public void match(int pattern, int end) {
            sum += pattern + end;
        }
    }
}
