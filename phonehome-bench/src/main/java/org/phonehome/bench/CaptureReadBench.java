package org.phonehome.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.phonehome.capture.NativeFileInput;
import org.phonehome.capture.ReadBuffers;

/**
 * Reading a capture file from the page cache as the capture reader does: into the reader's 256 KiB buffers, taken in
 * turn from a ring of 16 (4 MiB, more than the caches hold, as the pool's buffers are), through the JNI shim
 * ({@link NativeFileInput}, the kernel's copy only) or a {@code FileInputStream} (the kernel's copy into a native
 * buffer, then the JDK's into the array). One operation is one pass over a 64 MiB file; {@code ·bytes} counts the
 * bytes read.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CaptureReadBench {
    private static final int FILE_BYTES = 64 << 20;
    private static final int RING = 16;

    @Param({"native", "stream"})
    public String reader;

    private Path file;
    private byte[][] buffers;
    private int next;

    /** The file from seed 1, written once (so in the page cache), and read once whole by the chosen reader. */
    @Setup
    public void setUp() throws IOException {
        byte[] bytes = new byte[FILE_BYTES];
        new Random(1).nextBytes(bytes);
        file = Files.createTempFile("phonehome-read-bench", ".pcap");
        Files.write(file, bytes);
        buffers = new byte[RING][ReadBuffers.DEFAULT_BUFFER_BYTES];
        if (reader.equals("native") && !NativeFileInput.enabled()) {
            throw new IllegalStateException("the native shim is not loaded: " + NativeFileInput.status());
        }
        if (read(new ByteCounter()) != FILE_BYTES) {
            throw new IllegalStateException("the file was not read whole");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The whole file, read once; its length. */
    @Benchmark
    public long read(ByteCounter counter) throws IOException {
        long total = 0;
        long sum = 0;
        try (InputStream in = reader.equals("native") ? NativeFileInput.open(file)
                : new FileInputStream(file.toFile())) {
            while (true) {
                byte[] b = buffers[next];
                next = (next + 1) % RING;
                int n = in.read(b, 0, b.length);
                if (n < 0) {
                    break;
                }
                total += n;
                for (int i = 0; i < n; i += 64) {
                    sum += b[i];
                }
            }
        }
        counter.bytes += total;
        return total + (sum & 1);
    }
}
