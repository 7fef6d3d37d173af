package org.phonehome.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Compares one benchmark method of two builds of this module in one JVM, in alternated time slices, so that the
 * machine's drift (a third within a JMH run on a shared machine) falls on both alike. Each build's
 * {@code benchmarks.jar} is loaded by a class loader of its own; the benchmark's {@code @Setup} method runs once in
 * each, then slices of repeated calls alternate (A B, B A, ...), and the median of the slices' B/A speed ratios is
 * printed with its quartiles.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp phonehome-bench/target/benchmarks.jar \
 *     org.phonehome.bench.AlternatedKernels HttpParseBench parse 40 250 BEFORE.jar AFTER.jar</pre>
 *
 * Arguments: benchmark class (simple name), method (taking a Blackhole and a ByteCounter), slices, milliseconds
 * per slice, jar A, jar B.
 */
public final class AlternatedKernels {
    private static final String BLACKHOLE_CONSENT =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";
    private static final int WARM_UP_SLICES = 3;

    private AlternatedKernels() {
    }

    private record Variant(Object bench, Method method, Object blackhole, Object counter) {
        static Variant load(Path jar, String benchClass, String method) throws Exception {
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass("org.phonehome.bench." + benchClass);
            Object bench = c.getConstructor().newInstance();
            c.getMethod("setUp").invoke(bench);
            Class<?> blackhole = loader.loadClass("org.openjdk.jmh.infra.Blackhole");
            Class<?> counter = loader.loadClass(ByteCounter.class.getName());
            return new Variant(bench, c.getMethod(method, blackhole, counter),
                    blackhole.getConstructor(String.class).newInstance(BLACKHOLE_CONSENT),
                    counter.getConstructor().newInstance());
        }

        /** Calls per second over one slice. */
        double slice(long nanos) throws Exception {
            long start = System.nanoTime();
            long calls = 0;
            long elapsed;
            do {
                method.invoke(bench, blackhole, counter);
                calls++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < nanos);
            return calls * 1e9 / elapsed;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: AlternatedKernels BENCH_CLASS METHOD SLICES SLICE_MS A.jar B.jar");
            System.exit(64);
        }
        int slices = Integer.parseInt(args[2]);
        long nanos = Long.parseLong(args[3]) * 1_000_000L;
        Variant[] variants = {Variant.load(Path.of(args[4]), args[0], args[1]),
            Variant.load(Path.of(args[5]), args[0], args[1])};
        double[][] rates = new double[2][slices];
        for (int s = -WARM_UP_SLICES; s < slices; s++) {
            for (int turn = 0; turn < 2; turn++) {
                int v = (s & 1) == 0 ? turn : 1 - turn;
                double rate = variants[v].slice(nanos);
                if (s >= 0) {
                    rates[v][s] = rate;
                }
            }
        }
        double[] ratios = new double[slices];
        for (int s = 0; s < slices; s++) {
            ratios[s] = rates[1][s] / rates[0][s];
        }
        Arrays.sort(ratios);
        System.out.printf("%s.%s: B/A speed %.3f (quartiles %.3f, %.3f) over %d alternated slices of %s ms;"
                + " A median %.1f calls/s, B %.1f%n", args[0], args[1], ratios[slices / 2], ratios[slices / 4],
                ratios[3 * slices / 4], slices, args[3], median(rates[0]), median(rates[1]));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
