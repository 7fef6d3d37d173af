package org.phonehome.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a capture of any supported format (pcap, pcapng, either gzip-compressed) by sniffing its first bytes. */
public final class Captures {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    /** GZIPInputStream's own default is 512 bytes; inflating in bigger steps is markedly faster. */
    private static final int GZIP_BUFFER_BYTES = 64 * 1024;
    static final int PCAP_MICROS = 0xa1b2c3d4;
    static final int PCAP_NANOS = 0xa1b23c4d;
    static final int PCAPNG_SHB = 0x0a0d0d0a;

    private Captures() {
    }

    /** Opens the capture at {@code path}; frames are numbered from 1. */
    public static CaptureReader open(Path path) throws IOException {
        return open(Files.newInputStream(path), String.valueOf(path.getFileName()), 1);
    }

    /** Opens the capture in {@code in} (e.g. stdin); {@code displayName} names it in messages. */
    public static CaptureReader open(InputStream in, String displayName) throws IOException {
        return open(in, displayName, 1);
    }

    /**
     * Opens the capture in {@code in}, numbering its frames from {@code firstFrameNumber} (to continue the
     * numbering of an earlier file of the same audit). The stream is closed when the reader is, or on failure.
     */
    public static CaptureReader open(InputStream in, String displayName, long firstFrameNumber) throws IOException {
        return open(in, displayName, firstFrameNumber, ReadBuffers.none(), null, -1);
    }

    /**
     * As {@link #open(InputStream, String, long)}, for {@code in} reading capture file number {@code file} of
     * {@code buffers} from its first byte: the reader's buffers are registered there, so that their bytes can be
     * read again (unless the file is gzip-compressed). The reader reads into buffers from {@code pool}, and gives
     * them back there.
     */
    public static CaptureReader open(InputStream in, String displayName, long firstFrameNumber, ReadBuffers pool,
            CaptureBuffers buffers, int file) throws IOException {
        try {
            return sniff(in, displayName, firstFrameNumber, pool, buffers, file);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static CaptureReader sniff(InputStream raw, String displayName, long firstFrameNumber,
            ReadBuffers pool, CaptureBuffers buffers, int file) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(raw, 2);
        int b0 = pushback.read();
        int b1 = b0 < 0 ? -1 : pushback.read();
        if (b1 >= 0) {
            pushback.unread(b1);
        }
        if (b0 >= 0) {
            pushback.unread(b0);
        }
        InputStream stream = pushback;
        boolean gzip = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
        if (gzip) {
            stream = new GZIPInputStream(pushback, GZIP_BUFFER_BYTES);
        }
        CaptureInput in = new CaptureInput(stream, pool, gzip ? null : buffers, file);
        int present = in.request(4);
        if (present == 0) {
            throw new NotACaptureException(displayName + " is empty: expected a pcap or pcapng file");
        }
        int p = in.position();
        if (present == 4) {
            int be = CaptureInput.be32(in.buffer(), p);
            int le = CaptureInput.le32(in.buffer(), p);
            if (be == PCAP_MICROS || le == PCAP_MICROS) {
                return new PcapReader(in, displayName, be == PCAP_MICROS, false, firstFrameNumber);
            }
            if (be == PCAP_NANOS || le == PCAP_NANOS) {
                return new PcapReader(in, displayName, be == PCAP_NANOS, true, firstFrameNumber);
            }
            if (be == PCAPNG_SHB) {
                return new PcapngReader(in, displayName, firstFrameNumber);
            }
        }
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < present; i++) {
            found.append(String.format("%02x", in.u8(p + i)));
        }
        throw new NotACaptureException(displayName + " is not a capture: expected a pcap or pcapng file"
                + " (magic a1b2c3d4, a1b23c4d or 0a0d0d0a), found " + found);
    }
}
