package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture files read through the JNI shim: every byte where it belongs, whatever the chunks; the end, bounds and
 * closing as an InputStream has them; and anything but a regular file left to FileInputStream. A stream that never
 * ends (a read of 0 at the end) would loop in the caller, so each test runs on a thread of its own with a timeout.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NativeFileInputTest {

    /** CI builds the shim and says so: there a missing shim fails instead of skipping. */
    private static final boolean REQUIRED = "1".equals(System.getenv("PHONEHOME_REQUIRE_LIBDEFLATE"));

    @TempDir
    Path dir;

    @BeforeEach
    void shimIsThere() {
        if (REQUIRED) {
            assertThat(NativeFileInput.status()).isEqualTo("loaded");
        }
        assumeTrue(NativeFileInput.enabled(), "the native shim is not loaded: " + NativeFileInput.status());
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void everyByteLandsWhereItWasAskedForInAnyChunks() throws IOException {
        Path f = file("a.pcap", 2_500_007);
        byte[] want = Files.readAllBytes(f);
        for (int chunk : new int[] {1, 7, 4096, 65_537, 256 * 1024, 2_000_000, 3_000_000}) {
            byte[] got = new byte[want.length + 32];
            Arrays.fill(got, (byte) 0x5a);
            try (NativeFileInput in = NativeFileInput.open(f)) {
                assertThat(in).isNotNull();
                int at = 16;
                int n;
                while ((n = in.read(got, at, Math.min(chunk, got.length - 16 - at))) > 0) {
                    assertThat(n).isLessThanOrEqualTo(NativeFileInput.MAX_READ_BYTES);
                    at += n;
                }
                assertThat(at - 16).as("chunk %d", chunk).isEqualTo(want.length);
            }
            assertThat(Arrays.copyOfRange(got, 16, 16 + want.length)).as("chunk %d", chunk).isEqualTo(want);
            // nothing written around the room given
            assertThat(Arrays.copyOfRange(got, 0, 16)).containsOnly((byte) 0x5a);
            assertThat(Arrays.copyOfRange(got, 16 + want.length, got.length)).containsOnly((byte) 0x5a);
        }
    }

    @Test
    void theEndIsMinusOneAndAnEmptyReadIsZero() throws IOException {
        Path f = file("small.pcap", 3);
        byte[] want = Files.readAllBytes(f);
        try (NativeFileInput in = NativeFileInput.open(f)) {
            byte[] b = new byte[8];
            assertThat(in.read(b, 0, 0)).isZero();
            assertThat(in.read()).isEqualTo(want[0] & 0xff);
            assertThat(in.read(b, 0, 8)).isEqualTo(2);
            assertThat(Arrays.copyOf(b, 2)).containsExactly(want[1], want[2]);
            assertThat(in.read(b, 0, 8)).isEqualTo(-1);
            assertThat(in.read()).isEqualTo(-1);
        }
        try (NativeFileInput in = NativeFileInput.open(Files.write(dir.resolve("empty.pcap"), new byte[0]))) {
            assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
        }
    }

    @Test
    void boundsAreCheckedBeforeTheShimWrites() throws IOException {
        Path f = file("b.pcap", 100);
        byte[] b = new byte[10];
        try (NativeFileInput in = NativeFileInput.open(f)) {
            assertThatThrownBy(() -> in.read(b, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> in.read(b, 0, 11)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> in.read(b, 8, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> in.read(b, 5, -1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(b).containsOnly((byte) 0);
            assertThat(in.read(b, 8, 2)).isEqualTo(2);
        }
    }

    @Test
    void aClosedStreamSaysSoAndClosesTwiceQuietly() throws IOException {
        NativeFileInput in = NativeFileInput.open(file("c.pcap", 10));
        in.close();
        in.close();
        assertThatThrownBy(() -> in.read(new byte[4], 0, 4)).isInstanceOf(IOException.class)
                .hasMessage("Stream Closed");
    }

    @Test
    void anythingButARegularFileIsLeftToTheCaller() throws IOException, InterruptedException {
        assertThat(NativeFileInput.open(dir)).as("a folder").isNull();
        assertThat(NativeFileInput.open(dir.resolve("missing.pcap"))).as("a missing file").isNull();
        assertThat(NativeFileInput.open(Path.of("/dev/null"))).as("a device").isNull();
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mkfifo.waitFor() == 0) {
            // opening a pipe's read end blocks until a writer comes: O_NONBLOCK is not ours to set, so a writer
            // is there first
            Process writer = new ProcessBuilder("sh", "-c", "echo x > '" + fifo + "'").start();
            try {
                assertThat(NativeFileInput.open(fifo)).as("a pipe").isNull();
            } finally {
                writer.destroy();
            }
        }
    }

    @Test
    void aNameOutsideAsciiIsOpened() throws IOException {
        Path f = file("capture-ü-日本.pcap", 1000);
        try (NativeFileInput in = NativeFileInput.open(f)) {
            assertThat(in).isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void thePropertyTurnsItOff() throws IOException {
        Path f = file("d.pcap", 10);
        String before = System.getProperty("phonehome.nativeread");
        System.setProperty("phonehome.nativeread", "off");
        try {
            assertThat(NativeFileInput.enabled()).isFalse();
            assertThat(NativeFileInput.status()).isEqualTo("turned off (phonehome.nativeread=off)");
            assertThat(NativeFileInput.open(f)).isNull();
        } finally {
            if (before == null) {
                System.clearProperty("phonehome.nativeread");
            } else {
                System.setProperty("phonehome.nativeread", before);
            }
        }
        try (NativeFileInput again = NativeFileInput.open(f)) {
            assertThat(again).isNotNull();
        }
    }
}
