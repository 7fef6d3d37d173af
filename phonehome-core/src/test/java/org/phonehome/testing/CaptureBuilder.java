package org.phonehome.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * Builds test captures in memory, so every test makes its own fixture:
 * {@code CaptureBuilder.pcap(LinkType.ETHERNET).packet(timeNanos, frame).bytes()}.
 */
public final class CaptureBuilder {
    private static final int PCAPDROID_MAGIC = 0x01072021;
    private static final int PCAPDROID_NAME_BYTES = 20;

    private CaptureBuilder() {
    }

    /** A classic pcap file (little-endian, microseconds, version 2.4 unless changed). */
    public static PcapBuilder pcap(int linkType) {
        return new PcapBuilder(linkType);
    }

    /** A pcapng file whose first section is little-endian. */
    public static PcapngBuilder pcapng() {
        return new PcapngBuilder(ByteOrder.LITTLE_ENDIAN);
    }

    /** A pcapng file whose first section is in {@code order}. */
    public static PcapngBuilder pcapng(ByteOrder order) {
        return new PcapngBuilder(order);
    }

    /** {@code data} as one gzip member. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code frame} with PCAPdroid's 32-byte trailer appended, as its pcap export writes it: magic and uid
     * big-endian, the app name NUL-padded to 20 bytes, and a little-endian CRC-32 of everything before the CRC.
     */
    public static byte[] withPcapdroidTrailer(byte[] frame, int uid, String appName) {
        byte[] name = Arrays.copyOf(appName.getBytes(StandardCharsets.UTF_8), PCAPDROID_NAME_BYTES);
        ByteWriter out = new ByteWriter().order(ByteOrder.BIG_ENDIAN)
                .bytes(frame).u32(PCAPDROID_MAGIC).u32(uid).bytes(name);
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        return out.order(ByteOrder.LITTLE_ENDIAN).u32(crc.getValue()).toByteArray();
    }
}
