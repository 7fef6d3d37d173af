package org.phonehome.net;

/**
 * Linux NFLOG link type (239): a 4-byte header (address family, version, resource id) and then TLVs, each with a
 * 16-bit length (including its 4-byte header) and type in the capturing host's byte order, padded to 4 bytes.
 * The TLV of type NFULA_PAYLOAD holds the IP packet.
 */
final class NflogLink {
    /** NFULA attribute types are small; a type read above this was read in the wrong byte order. */
    private static final int MAX_PLAUSIBLE_TYPE = 0xff;
    /** NLA_F_NESTED and NLA_F_NET_BYTEORDER flag bits of a netlink attribute type. */
    private static final int NLA_TYPE_MASK = 0x3fff;

    private NflogLink() {
    }

    /** The IP packet of the NFLOG frame at {@code b[off, end)}, as {@link LinkLayer#locate} answers. */
    static long locate(byte[] b, int off, int end) {
        if (end - off < LinkLayer.NFLOG_HEADER) {
            return LinkLayer.result(LinkLayer.TRUNCATED, 0, 0);
        }
        int family = b[off] & 0xff;
        int p = off + LinkLayer.NFLOG_HEADER;
        // The byte order is decided once, on the first TLV's type.
        boolean littleEndian = end - off >= LinkLayer.NFLOG_HEADER + LinkLayer.NFLOG_TLV_HEADER
                && (Bytes.u16le(b, p + 2) & NLA_TYPE_MASK) <= MAX_PLAUSIBLE_TYPE;
        while (p + LinkLayer.NFLOG_TLV_HEADER <= end) {
            int length = littleEndian ? Bytes.u16le(b, p) : Bytes.u16(b, p);
            int type = (littleEndian ? Bytes.u16le(b, p + 2) : Bytes.u16(b, p + 2)) & NLA_TYPE_MASK;
            if (length < LinkLayer.NFLOG_TLV_HEADER) {
                return LinkLayer.result(LinkLayer.BAD_NFLOG_TLV, 0, 0);
            }
            if (type == LinkLayer.NFULA_PAYLOAD) {
                int payloadEnd = Math.min(end, p + length); // a snap length may cut the payload
                int kind = switch (family) {
                    case LinkLayer.AF_INET -> LinkLayer.IPV4;
                    case LinkLayer.AF_INET6_LINUX -> LinkLayer.IPV6;
                    default -> LinkLayer.IP_BY_VERSION;
                };
                return LinkLayer.result(kind, p + LinkLayer.NFLOG_TLV_HEADER, payloadEnd);
            }
            if (p + length > end) {
                return LinkLayer.result(LinkLayer.BAD_NFLOG_TLV, 0, 0);
            }
            p += (length + 3) & ~3;
        }
        return LinkLayer.result(LinkLayer.NFLOG_WITHOUT_PAYLOAD, 0, 0);
    }
}
