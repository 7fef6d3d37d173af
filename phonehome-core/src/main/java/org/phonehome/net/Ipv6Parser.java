package org.phonehome.net;

/**
 * Parses an IPv6 header and its extension header chain (RFC 8200). Pure: reads bytes, fills an {@link IpHeader},
 * returns a reason on failure.
 */
final class Ipv6Parser {
    /** The fixed header. */
    static final int HEADER = 40;
    static final int HOP_BY_HOP = 0;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int AUTHENTICATION = 51;
    static final int DESTINATION_OPTIONS = 60;
    private static final int FRAGMENT_HEADER = 8;
    /** The smallest extension header: next header, length, and 6 bytes (RFC 8200 section 4.3). */
    private static final int MIN_EXTENSION_HEADER = 8;
    private static final int OFFSET_MASK = 0xfff8;
    private static final int MORE_FRAGMENTS = 1;

    private Ipv6Parser() {
    }

    /**
     * Parses the IPv6 header at {@code off} and follows at most {@code maxExtensionHeaders} extension headers to
     * the upper-layer protocol or to a Fragment header that needs reassembly.
     *
     * @return null when {@code h} was filled, else the {@code undecoded.*} counter saying why not
     */
    static String parse(byte[] b, int off, int end, int maxExtensionHeaders, IpHeader h) {
        int available = end - off;
        if (available < 1) {
            return NetCounters.TRUNCATED_IP_HEADER;
        }
        if ((b[off] & 0xff) >>> 4 != 6) {
            return NetCounters.BAD_IP_VERSION;
        }
        if (available < HEADER) {
            return NetCounters.TRUNCATED_IP_HEADER;
        }
        int payloadLength = Bytes.u16(b, off + 4);
        int nextHeader = b[off + 6] & 0xff;
        if (payloadLength == 0 && nextHeader == HOP_BY_HOP) {
            return NetCounters.IPV6_JUMBOGRAM;
        }
        int announcedEnd = off + HEADER + payloadLength;
        int present = Math.min(end, announcedEnd);
        h.version = 6;
        h.srcOffset = off + 8;
        h.dstOffset = off + 24;
        h.payloadEnd = present;
        h.payloadMissing = announcedEnd - present;
        h.anomaly = h.payloadMissing > 0 ? NetCounters.TOTAL_LENGTH_EXCEEDS_CAPTURE : null;
        return walkExtensions(b, off + HEADER, present, h.payloadMissing, nextHeader, maxExtensionHeaders, h);
    }

    /**
     * Follows extension headers from {@code p} (whose type is {@code nextHeader}) up to {@code end}; the packet
     * announces {@code missing} more bytes than are present. Sets protocol, payload offset and the fragment fields.
     */
    static String walkExtensions(byte[] b, int p, int end, int missing, int nextHeader, int maxExtensionHeaders,
                                 IpHeader h) {
        long announcedEnd = (long) end + missing;
        h.fragment = false;
        h.moreFragments = false;
        h.fragmentOffset = 0;
        h.fragmentId = 0;
        for (int count = 0; ; count++) {
            switch (nextHeader) {
                case HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS, AUTHENTICATION, FRAGMENT:
                    break;
                default:
                    h.protocol = nextHeader;
                    h.payloadOffset = p;
                    return null;
            }
            if (count >= maxExtensionHeaders) {
                return NetCounters.TOO_MANY_IPV6_EXTENSION_HEADERS;
            }
            if (p + MIN_EXTENSION_HEADER > announcedEnd) {
                return NetCounters.BAD_IPV6_EXTENSION_HEADER;
            }
            if (p + MIN_EXTENSION_HEADER > end) {
                return NetCounters.TRUNCATED_IPV6_EXTENSION_HEADER;
            }
            int following = b[p] & 0xff;
            if (nextHeader == FRAGMENT) {
                int offsetFlags = Bytes.u16(b, p + 2);
                int fragmentOffset = offsetFlags & OFFSET_MASK;
                boolean more = (offsetFlags & MORE_FRAGMENTS) != 0;
                long id = Bytes.u32(b, p + 4);
                p += FRAGMENT_HEADER;
                nextHeader = following;
                if (fragmentOffset == 0 && !more) {
                    continue; // an atomic fragment (RFC 6946) is just the packet
                }
                h.fragment = true;
                h.moreFragments = more;
                h.fragmentOffset = fragmentOffset;
                h.fragmentId = id;
                h.protocol = nextHeader; // meaningful in the first fragment: the first header of the fragmentable part
                h.payloadOffset = p;
                return null;
            }
            int length = nextHeader == AUTHENTICATION ? ((b[p + 1] & 0xff) + 2) * 4 : ((b[p + 1] & 0xff) + 1) * 8;
            if (p + length > announcedEnd) {
                return NetCounters.BAD_IPV6_EXTENSION_HEADER;
            }
            if (p + length > end) {
                return NetCounters.TRUNCATED_IPV6_EXTENSION_HEADER;
            }
            p += length;
            nextHeader = following;
        }
    }
}
