package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CaptureBuffers: recent buffers by identity, bytes read again from them or from the file. */
public class CaptureBuffersTest {

    @TempDir
    Path dir;

    /**
     * Buffers over a capture file of {@code contents} written at {@code path}, with {@code contents} itself
     * registered as the reader's buffer from the file's first byte (for tests of other packages).
     */
    public static CaptureBuffers over(Path path, byte[] contents) throws IOException {
        CaptureBuffers buffers = new CaptureBuffers();
        buffers.added(contents, buffers.addFile(Files.write(path, contents)), 0);
        return buffers;
    }

    /** {@code n} bytes that differ from their neighbours, in a pattern chosen by {@code seed}. */
    public static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void aRecentBufferIsFoundAndReadAgainThenTheFileAnswers() throws IOException {
        byte[] whole = bytes(CaptureBuffers.DEFAULT_RECENT_BUFFERS * 100 + 500, 7);
        Path file = Files.write(dir.resolve("a.pcap"), whole);
        try (CaptureBuffers buffers = new CaptureBuffers()) {
            int f = buffers.addFile(file);
            byte[] first = Arrays.copyOfRange(whole, 0, 100);
            buffers.added(first, f, 0);
            long at = buffers.fileOffset(first, 40);
            assertThat(at).isNotNegative();
            assertThat(buffers.fileOffset(new byte[100], 40)).isEqualTo(-1);
            byte[] got = new byte[20];
            assertThat(buffers.read(at, got, 0, 20)).isTrue();
            assertThat(got).isEqualTo(Arrays.copyOfRange(whole, 40, 60));
            // The first buffer is forgotten once enough newer ones came; its bytes then come from the file.
            for (int k = 1; k <= CaptureBuffers.DEFAULT_RECENT_BUFFERS; k++) {
                buffers.added(new byte[100], f, 100L * k);
            }
            assertThat(buffers.fileOffset(first, 40)).isEqualTo(-1);
            Arrays.fill(first, (byte) 0);
            assertThat(buffers.read(at, got, 0, 20)).isTrue();
            assertThat(got).isEqualTo(Arrays.copyOfRange(whole, 40, 60));
            assertThat(buffers.read(at + whole.length, got, 0, 20)).as("past the end of the file").isFalse();
        }
    }

    @Test
    void aBufferWhoseBytesMovedIsNotReadAtItsOldPlace() throws IOException {
        byte[] whole = bytes(1000, 3);
        byte[] buffer = Arrays.copyOfRange(whole, 0, 200);
        try (CaptureBuffers buffers = new CaptureBuffers()) {
            int f = buffers.addFile(Files.write(dir.resolve("b.pcap"), whole));
            buffers.added(buffer, f, 0);
            // The reader moves its unread bytes (from 150 on) to the start and registers the buffer again.
            System.arraycopy(whole, 150, buffer, 0, 200);
            buffers.added(buffer, f, 150);
            byte[] got = new byte[10];
            assertThat(buffers.read(buffers.fileOffset(buffer, 0) - 100, got, 0, 10)).isTrue();
            assertThat(got).isEqualTo(Arrays.copyOfRange(whole, 50, 60));
        }
    }

    @Test
    void bytesOfAGoneFileAreNotRead() throws IOException {
        Path file = Files.write(dir.resolve("c.pcap"), bytes(100, 1));
        try (CaptureBuffers buffers = new CaptureBuffers()) {
            int f = buffers.addFile(file);
            byte[] buffer = new byte[100];
            buffers.added(buffer, f, 0);
            long at = buffers.fileOffset(buffer, 0);
            for (int k = 0; k < CaptureBuffers.DEFAULT_RECENT_BUFFERS; k++) {
                buffers.added(new byte[1], f, 100);
            }
            Files.delete(file);
            assertThat(buffers.read(at, new byte[10], 0, 10)).isFalse();
        }
    }
}
