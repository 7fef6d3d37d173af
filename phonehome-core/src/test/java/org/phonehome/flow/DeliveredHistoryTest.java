package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.capture.CaptureBuffersTest.bytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.capture.CaptureBuffers;
import org.phonehome.capture.CaptureBuffersTest;

/** DeliveredHistory with bytes remembered as file runs, copied, or both. */
class DeliveredHistoryTest {

    private static final int CAP = 1 << 16;

    @TempDir
    Path dir;

    private static byte[] changedAt(byte[] b, int i) {
        byte[] c = b.clone();
        c[i] ^= 1;
        return c;
    }

    @Test
    void copiedBytesBeforeAGrowthAcrossFileRunsAreNotComparedWithWhatTheRingNoLongerHolds() throws IOException {
        byte[] file = bytes(20_000, 5);
        try (CaptureBuffers buffers = CaptureBuffersTest.over(dir.resolve("a.pcap"), file)) {
            DeliveredHistory h = new DeliveredHistory(CAP, 0, buffers);
            byte[] copied = bytes(100, 9);
            h.append(copied, 0, 100);                 // [0, 100): not from the capture, copied (a small ring)
            h.append(file, 0, 10_000);                // [100, 10100): a file run
            byte[] later = bytes(100, 11);
            h.append(later, 0, 100);                  // [10100, 10200): copied; the ring grows past [0, 100)
            // [0, 100) is no longer held: not compared, never reported as changed.
            assertThat(h.differs(0, changedAt(copied, 50), 0, 100)).isFalse();
            assertThat(h.differs(0, copied, 0, 100)).isFalse();
            // The file run and the later copy are compared.
            assertThat(h.differs(100, file, 0, 10_000)).isFalse();
            assertThat(h.differs(100, changedAt(file, 5_000), 0, 10_000)).isTrue();
            assertThat(h.differs(10_100, later, 0, 100)).isFalse();
            assertThat(h.differs(10_100, changedAt(later, 99), 0, 100)).isTrue();
            // One retransmission across a run and a copy.
            byte[] across = new byte[200];
            System.arraycopy(file, 9_900, across, 0, 100);
            System.arraycopy(later, 0, across, 100, 100);
            assertThat(h.differs(10_000, across, 0, 200)).isFalse();
            assertThat(h.differs(10_000, changedAt(across, 150), 0, 200)).isTrue();
            assertThat(h.differs(10_000, changedAt(across, 50), 0, 200)).isTrue();
        }
    }

    /** One-byte segments past the last runs: the oldest are forgotten, not compared with what the ring holds. */
    @Test
    void pastTheLastRunsTheOldestAreForgottenNotMisread() throws IOException {
        int n = DeliveredHistory.MAX_RUNS + 10;
        byte[] file = bytes(n, 3);
        try (CaptureBuffers buffers = CaptureBuffersTest.over(dir.resolve("b.pcap"), file)) {
            for (int copiedFirst : new int[] {0, 2000}) {
                DeliveredHistory h = new DeliveredHistory(CAP, 0, buffers);
                // With 2,000 bytes copied first, a ring of 2 KB exists that never held the runs' offsets.
                h.append(bytes(copiedFirst, 1), 0, copiedFirst);
                for (int i = 0; i < n; i++) {
                    h.append(file, i, 1);
                }
                assertThat(h.differs(copiedFirst, file, 0, n)).isFalse();
                assertThat(h.differs(copiedFirst, changedAt(file, 5), 0, n)).as("a forgotten byte").isFalse();
                assertThat(h.differs(copiedFirst, changedAt(file, n - 5), 0, n)).as("a remembered one").isTrue();
                h.restartAt(copiedFirst + n + 100);
                assertThat(h.differs(copiedFirst, changedAt(file, n - 5), 0, n)).as("after a restart").isFalse();
            }
        }
    }

    /**
     * Random mixes of file runs and copies against the truth: a retransmission of the bytes delivered never
     * differs, and a changed byte is found whenever the history still holds it (always, for a byte within the last
     * delivered chunk).
     */
    @Test
    void randomMixesNeverReportTheSameBytesAsChanged() throws IOException {
        java.util.Random random = new java.util.Random(42);
        byte[] file = bytes(1 << 18, 17);
        try (CaptureBuffers buffers = CaptureBuffersTest.over(dir.resolve("r.pcap"), file)) {
            for (int round = 0; round < 100; round++) {
                int cap = 1 << (8 + random.nextInt(9));
                DeliveredHistory h = new DeliveredHistory(cap, 0, buffers);
                byte[] truth = new byte[1 << 18];
                int end = 0;
                int lastStart = 0;
                while (end < truth.length - 4096) {
                    int len = 1 + random.nextInt(random.nextBoolean() ? 16 : 3000);
                    lastStart = end;
                    if (random.nextInt(3) == 0) {
                        byte[] own = bytes(len, random.nextInt());
                        System.arraycopy(own, 0, truth, end, len);
                        h.append(own, 0, len);
                    } else {
                        int from = random.nextInt(file.length - len);
                        System.arraycopy(file, from, truth, end, len);
                        h.append(file, from, len);
                    }
                    end += len;
                    int qs = random.nextInt(end);
                    int ql = 1 + random.nextInt(end - qs);
                    assertThat(h.differs(qs, truth, qs, ql)).as("round %d at %d+%d", round, qs, ql).isFalse();
                    int changed = lastStart + random.nextInt(end - lastStart);
                    if (end - changed <= cap) {
                        assertThat(h.differs(lastStart, changedAt(truth, changed), lastStart, end - lastStart))
                                .as("round %d, change at %d of the last chunk", round, changed).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void withoutCaptureBuffersEverythingIsCopiedAsBefore() {
        DeliveredHistory h = new DeliveredHistory(CAP, 0);
        byte[] a = bytes(3000, 1);
        h.append(a, 0, 3000);
        assertThat(h.differs(1000, Arrays.copyOfRange(a, 1000, 2000), 0, 1000)).isFalse();
        assertThat(h.differs(1000, changedAt(Arrays.copyOfRange(a, 1000, 2000), 10), 0, 1000)).isTrue();
    }
}
