package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.testing.CaptureBuilder;
import org.phonehome.testing.PcapBuilder;
import org.phonehome.testing.PcapngBuilder;

/**
 * Frames point into the reader's buffers instead of being copied ({@link CaptureInput#take(int)}): every frame
 * still holds its own bytes after the reader has read on through many buffers, whatever sizes the stream's reads
 * come in, and frames larger than a buffer get arrays of their own.
 */
class SharedBufferTest {
    private static final long T = 1_700_000_000_000_000_000L;

    /** Frames of 0 to 3,000 bytes (about 25 buffers in all), and three larger than a buffer. */
    private static List<byte[]> frames() {
        Random random = new Random(7);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int size = i == 1000 || i == 2500 || i == 2501 ? CaptureInput.BUFFER_BYTES + 1 + i : random.nextInt(3001);
            byte[] f = new byte[size];
            random.nextBytes(f);
            frames.add(f);
        }
        return frames;
    }

    /** Returns at most a few thousand bytes per read, so that buffers are refilled with bytes left unread. */
    private static InputStream shortReads(byte[] file) {
        Random random = new Random(11);
        return new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(5000)));
            }
        };
    }

    private static void assertEveryFrameKeepsItsBytes(byte[] file, List<byte[]> frames) throws IOException {
        List<CapturedPacket> read;
        try (CaptureReader reader = Captures.open(shortReads(file), "test")) {
            read = Read.all(reader);
        }
        assertThat(read).hasSameSizeAs(frames);
        IdentityHashMap<byte[], Integer> buffers = new IdentityHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            CapturedPacket p = read.get(i);
            assertThat(p.data()).as("frame %d", i + 1).isEqualTo(frames.get(i));
            assertThat(p.capturedLength()).isEqualTo(frames.get(i).length);
            if (p.capturedLength() > CaptureInput.BUFFER_BYTES) {
                assertThat(p.buffer()).as("frame %d has an array of its own", i + 1).hasSize(p.capturedLength());
            }
            buffers.merge(p.buffer(), 1, Integer::sum);
        }
        // Not a copy per frame: the ~10 MB of frames share a few dozen buffers.
        assertThat(buffers.size()).isLessThan(100);
    }

    @Test
    void pcapFramesKeepTheirBytes() throws IOException {
        List<byte[]> frames = frames();
        PcapBuilder b = CaptureBuilder.pcap(LinkType.ETHERNET).snaplen(1 << 20);
        for (int i = 0; i < frames.size(); i++) {
            b.packet(T + i, frames.get(i));
        }
        assertEveryFrameKeepsItsBytes(b.bytes(), frames);
    }

    @Test
    void pcapngFramesKeepTheirBytes() throws IOException {
        List<byte[]> frames = frames();
        PcapngBuilder b = CaptureBuilder.pcapng().iface(LinkType.ETHERNET);
        for (int i = 0; i < frames.size(); i++) {
            if (i % 3 == 0) {
                b.epb(0, T + i, frames.get(i).length, frames.get(i), "comment " + i); // options after the data
            } else {
                b.packet(T + i, frames.get(i));
            }
        }
        assertEveryFrameKeepsItsBytes(b.bytes(), frames);
    }
}
