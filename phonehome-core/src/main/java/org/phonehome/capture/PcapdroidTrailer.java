package org.phonehome.capture;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.phonehome.Counters;

/**
 * Reads the 32-byte trailer PCAPdroid appends to Ethernet frames in its pcap exports.
 *
 * <p>Layout (PCAPdroid {@code pcapdroid_trailer_t}): magic 0x01072021 and uid as big-endian int32, a 20-byte
 * NUL-padded app name, then a CRC-32 of every frame byte before it, stored little-endian (the phone's order).
 */
final class PcapdroidTrailer {
    static final int MAGIC = 0x01072021;
    static final int TRAILER_BYTES = 32;
    static final int NAME_BYTES = 20;

    private PcapdroidTrailer() {
    }

    /**
     * The app the trailer of the frame at {@code b[at, at+length)} names, or null when it has none. Counts hits and
     * CRC mismatches.
     */
    static AppAttribution attribution(byte[] b, int at, int length, Counters counters) {
        int start = at + length - TRAILER_BYTES;
        if (length < TRAILER_BYTES || CaptureInput.be32(b, start) != MAGIC) {
            return null;
        }
        counters.increment("pcapdroid_trailer");
        CRC32 crc = new CRC32();
        crc.update(b, at, length - 4);
        if ((int) crc.getValue() != CaptureInput.le32(b, at + length - 4)) {
            // The Wireshark dissector PCAPdroid ships ignores the CRC too; a chance magic match is 1 in 2^32.
            counters.increment("pcapdroid_trailer_bad_crc");
        }
        int uid = CaptureInput.be32(b, start + 4);
        int nameStart = start + 8;
        int nameEnd = nameStart;
        while (nameEnd < nameStart + NAME_BYTES && b[nameEnd] != 0) {
            nameEnd++;
        }
        String name = nameEnd == nameStart ? null
                : new String(b, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
        String packageName = name != null && name.indexOf('.') >= 0 ? name : null;
        return new AppAttribution(uid, packageName, name);
    }
}
