package org.phonehome.net;

/** Parses an IPv4 header (RFC 791). Pure: reads bytes, fills an {@link IpHeader}, returns a reason on failure. */
final class Ipv4Parser {
    /** The header without options. */
    static final int MIN_HEADER = 20;
    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int OFFSET_MASK = 0x1fff;
    private static final int OFFSET_UNIT = 8;

    private Ipv4Parser() {
    }

    /**
     * Parses the IPv4 header at {@code off}; the packet's captured bytes end at {@code end}. Options are skipped.
     * The payload ends at the total length (which trims Ethernet padding and trailers); when the capture holds
     * fewer bytes, the shortfall is {@link IpHeader#payloadMissing}.
     *
     * @return null when {@code h} was filled, else the {@code undecoded.*} counter saying why not
     */
    static String parse(byte[] b, int off, int end, IpHeader h) {
        int available = end - off;
        if (available < 1) {
            return NetCounters.TRUNCATED_IP_HEADER;
        }
        int versionIhl = b[off] & 0xff;
        if (versionIhl >>> 4 != 4) {
            return NetCounters.BAD_IP_VERSION;
        }
        if (available < MIN_HEADER) {
            return NetCounters.TRUNCATED_IP_HEADER;
        }
        int headerLength = (versionIhl & 0xf) * 4;
        if (headerLength < MIN_HEADER) {
            return NetCounters.BAD_IP_HEADER_LENGTH;
        }
        int totalLength = Bytes.u16(b, off + 2);
        String anomaly = null;
        if (totalLength == 0) {
            // Segmentation offload: the capture shows the unsplit segment with a zero length, as Wireshark notes.
            totalLength = available;
            anomaly = NetCounters.TOTAL_LENGTH_ZERO;
        }
        if (totalLength < headerLength) {
            return NetCounters.BAD_IP_TOTAL_LENGTH;
        }
        if (headerLength > available) {
            return NetCounters.TRUNCATED_IP_HEADER;
        }
        int present = Math.min(totalLength, available);
        if (present < totalLength) {
            anomaly = NetCounters.TOTAL_LENGTH_EXCEEDS_CAPTURE;
        }
        int flagsOffset = Bytes.u16(b, off + 6);
        h.version = 4;
        h.srcOffset = off + 12;
        h.dstOffset = off + 16;
        h.protocol = b[off + 9] & 0xff;
        h.payloadOffset = off + headerLength;
        h.payloadEnd = off + present;
        h.payloadMissing = totalLength - present;
        h.anomaly = anomaly;
        h.moreFragments = (flagsOffset & MORE_FRAGMENTS) != 0;
        h.fragmentOffset = (flagsOffset & OFFSET_MASK) * OFFSET_UNIT;
        h.fragment = h.moreFragments || h.fragmentOffset != 0;
        h.fragmentId = Bytes.u16(b, off + 4);
        return null;
    }
}
