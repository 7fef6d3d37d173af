package org.phonehome.net;

import org.phonehome.capture.LinkType;

/**
 * Finds the network-layer packet inside a frame, for each supported link type. Pure functions of bytes.
 *
 * <p>The answer is packed into one {@code long} so that the hot path allocates nothing: read it with
 * {@link #kind}, {@link #offset} and {@link #end}. A kind of {@link #IPV4}, {@link #IPV6} or {@link #IP_BY_VERSION}
 * means the IP packet lies in {@code [offset, end)}; {@link #NON_IP} means the frame carries no IP; the other kinds
 * are reasons the frame could not be decoded ({@link #reason}).
 */
public final class LinkLayer {
    /** IPv4 packet. */
    public static final int IPV4 = 1;
    /** IPv6 packet. */
    public static final int IPV6 = 2;
    /** IPv4 or IPv6, from the first nibble (raw IP link types, NFLOG of an unknown family). */
    public static final int IP_BY_VERSION = 3;
    /** ARP, LLDP, LLC, PPP control, ...: not IP. */
    public static final int NON_IP = 4;
    /** Link type unknown. */
    public static final int UNSUPPORTED = 5;
    /** Frame shorter than its link header. */
    public static final int TRUNCATED = 6;
    /** VLAN tags stacked deeper than {@link #MAX_VLAN_TAGS}. */
    public static final int TOO_MANY_VLAN_TAGS = 7;
    /** NFLOG TLV malformed. */
    public static final int BAD_NFLOG_TLV = 8;
    /** NFLOG message without a payload TLV. */
    public static final int NFLOG_WITHOUT_PAYLOAD = 9;

    /** 8 tags: QinQ uses 2; real networks never stack more than a few, so more is garbage or an attack. */
    public static final int MAX_VLAN_TAGS = 8;
    /** Frames longer than this (256 MiB, beyond any real snap length) are looked at only up to it. */
    static final int MAX_FRAME = (1 << 28) - 1;

    /** LINKTYPE_NETLINK: Linux netlink messages (nlmon), which never carry IP; not in {@link LinkType}. */
    static final int LINKTYPE_NETLINK = 253;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    /** Ethertype values below this are IEEE 802.3 length fields (followed by LLC). */
    static final int ETHERTYPE_MIN = 0x0600;
    static final int PPP_IPV4 = 0x0021;
    static final int PPP_IPV6 = 0x0057;
    /** ARPHRD_NETLINK: Linux cooked captures of netlink sockets, which carry no IP. */
    static final int ARPHRD_NETLINK = 824;
    static final int ETHERNET_HEADER = 14;
    static final int SLL_HEADER = 16;
    static final int SLL2_HEADER = 20;
    static final int PPPOE_HEADER = 6;
    static final int NFLOG_HEADER = 4;
    static final int NFLOG_TLV_HEADER = 4;
    static final int NFULA_PAYLOAD = 9;
    static final int AF_INET = 2;
    static final int AF_INET6_LINUX = 10;
    static final int AF_INET6_NETBSD_OPENBSD = 24;
    static final int AF_INET6_FREEBSD = 28;
    static final int AF_INET6_DARWIN = 30;

    private LinkLayer() {
    }

    /** Locates the network packet in {@code data} for {@code linkType}; see the class comment for the answer. */
    public static long locate(int linkType, byte[] data) {
        return locate(linkType, data, 0, data.length);
    }

    /**
     * Locates the network packet of the frame at {@code data[off, off+length)} for {@code linkType}; the answer's
     * offsets are indexes into {@code data}. A frame is looked at up to index {@link #MAX_FRAME} of the array.
     */
    public static long locate(int linkType, byte[] data, int off, int length) {
        int end = (int) Math.min((long) off + Math.min(length, data.length - off), MAX_FRAME);
        return switch (linkType) {
            case LinkType.ETHERNET -> ethernet(data, off, end);
            case LinkType.RAW, LinkType.RAW_OLD, LinkType.RAW_OLD14 -> result(IP_BY_VERSION, off, end);
            case LinkType.IPV4 -> result(IPV4, off, end);
            case LinkType.IPV6 -> result(IPV6, off, end);
            case LinkType.LINUX_SLL -> sll(data, off, end);
            case LinkType.LINUX_SLL2 -> sll2(data, off, end);
            case LinkType.NULL, LinkType.LOOP -> loopback(data, off, end);
            case LinkType.PPP -> ppp(data, off, end);
            case LinkType.PPP_HDLC -> pppHdlc(data, off, end);
            case LinkType.PPP_ETHER -> pppoe(data, off, end);
            case LinkType.C_HDLC -> ciscoHdlc(data, off, end);
            case LinkType.NFLOG -> NflogLink.locate(data, off, end);
            case LINKTYPE_NETLINK -> result(NON_IP, 0, 0);
            default -> result(UNSUPPORTED, 0, 0);
        };
    }

    /** The kind of a {@link #locate} answer. */
    public static int kind(long located) {
        return (int) (located >>> 56);
    }

    /** Where the network packet starts. */
    public static int offset(long located) {
        return (int) (located & MAX_FRAME);
    }

    /** Where the network packet's bytes end (exclusive). */
    public static int end(long located) {
        return (int) ((located >>> 28) & MAX_FRAME);
    }

    /** The {@code undecoded.*} counter for an error kind, or null for {@link #IPV4}, {@link #IPV6}, ... */
    public static String reason(int kind) {
        return switch (kind) {
            case UNSUPPORTED -> NetCounters.UNSUPPORTED_LINK_TYPE;
            case TRUNCATED -> NetCounters.TRUNCATED_LINK_HEADER;
            case TOO_MANY_VLAN_TAGS -> NetCounters.TOO_MANY_VLAN_TAGS;
            case BAD_NFLOG_TLV -> NetCounters.BAD_NFLOG_TLV;
            case NFLOG_WITHOUT_PAYLOAD -> NetCounters.NFLOG_WITHOUT_PAYLOAD;
            default -> null;
        };
    }

    static long result(int kind, int offset, int end) {
        return (long) kind << 56 | (long) end << 28 | offset;
    }

    private static long ethernet(byte[] b, int off, int end) {
        if (end - off < ETHERNET_HEADER) {
            return result(TRUNCATED, 0, 0);
        }
        return etherType(Bytes.u16(b, off + 12), b, off + ETHERNET_HEADER, end);
    }

    /**
     * Follows an ethertype whose payload starts at {@code off}: IP, stacked VLAN tags, PPPoE session, else non-IP
     * (which includes 802.3 length fields with LLC/SNAP).
     */
    static long etherType(int type, byte[] b, int off, int end) {
        for (int tags = 0; ; tags++) {
            switch (type) {
                case ETHERTYPE_IPV4:
                    return result(IPV4, off, end);
                case ETHERTYPE_IPV6:
                    return result(IPV6, off, end);
                case ETHERTYPE_PPPOE_SESSION:
                    return pppoe(b, off, end);
                case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD, ETHERTYPE_QINQ_OLD2:
                    if (tags >= MAX_VLAN_TAGS) {
                        return result(TOO_MANY_VLAN_TAGS, 0, 0);
                    }
                    if (off + 4 > end) {
                        return result(TRUNCATED, 0, 0);
                    }
                    type = Bytes.u16(b, off + 2); // after the 2-byte tag control information
                    off += 4;
                    break;
                default:
                    return result(NON_IP, 0, 0);
            }
        }
    }

    private static long sll(byte[] b, int off, int end) {
        // packet type (2), ARPHRD type (2), address length (2), address (8), protocol (2)
        if (end - off < SLL_HEADER) {
            return result(TRUNCATED, 0, 0);
        }
        return cooked(Bytes.u16(b, off + 2), Bytes.u16(b, off + 14), b, off + SLL_HEADER, end);
    }

    private static long sll2(byte[] b, int off, int end) {
        // protocol (2), reserved (2), interface index (4), ARPHRD type (2), packet type (1), address length (1),
        // address (8)
        if (end - off < SLL2_HEADER) {
            return result(TRUNCATED, 0, 0);
        }
        return cooked(Bytes.u16(b, off + 8), Bytes.u16(b, off), b, off + SLL2_HEADER, end);
    }

    private static long cooked(int hatype, int protocol, byte[] b, int off, int end) {
        if (hatype == ARPHRD_NETLINK || protocol < ETHERTYPE_MIN) {
            return result(NON_IP, 0, 0); // netlink messages, or Linux's 802.2/802.3/CAN pseudo-protocols
        }
        return etherType(protocol, b, off, end);
    }

    private static long loopback(byte[] b, int off, int end) {
        if (end - off < 4) {
            return result(TRUNCATED, 0, 0);
        }
        // Host byte order for NULL (network order for LOOP): families are small, so a value with high bits set
        // was written in the other order.
        int family = Bytes.i32(b, off);
        if ((family & 0xffff0000) != 0) {
            family = Integer.reverseBytes(family);
        }
        return switch (family) {
            case AF_INET -> result(IPV4, off + 4, end);
            case AF_INET6_LINUX, AF_INET6_NETBSD_OPENBSD, AF_INET6_FREEBSD, AF_INET6_DARWIN ->
                    result(IPV6, off + 4, end);
            // Some writers put an ethertype in the second half instead, as Cisco HDLC does (Wireshark accepts it).
            default -> etherType(Bytes.u16(b, off + 2), b, off + 4, end);
        };
    }

    private static long ppp(byte[] b, int off, int end) {
        if (end - off >= 2 && (b[off] & 0xff) == 0xff && b[off + 1] == 0x03) {
            off += 2; // HDLC address and control
        }
        return pppProtocol(b, off, end);
    }

    private static long pppHdlc(byte[] b, int off, int end) {
        if (end - off >= 1 && ((b[off] & 0xff) == 0x0f || (b[off] & 0xff) == 0x8f)) {
            return ciscoHdlc(b, off, end); // BSD/OS and NetBSD also write Cisco HDLC under this type
        }
        return ppp(b, off, end);
    }

    /** A PPP protocol field at {@code off}: one byte when compressed (odd first byte), else two. */
    static long pppProtocol(byte[] b, int off, int end) {
        if (off >= end) {
            return result(TRUNCATED, 0, 0);
        }
        int protocol;
        if ((b[off] & 1) != 0) {
            protocol = b[off] & 0xff;
            off += 1;
        } else {
            if (off + 2 > end) {
                return result(TRUNCATED, 0, 0);
            }
            protocol = Bytes.u16(b, off);
            off += 2;
        }
        return switch (protocol) {
            case PPP_IPV4 -> result(IPV4, off, end);
            case PPP_IPV6 -> result(IPV6, off, end);
            default -> result(NON_IP, 0, 0);
        };
    }

    private static long pppoe(byte[] b, int off, int end) {
        // version/type (1), code (1), session id (2), length (2), then the PPP protocol
        if (off + PPPOE_HEADER > end) {
            return result(TRUNCATED, 0, 0);
        }
        int payloadEnd = Math.min(end, off + PPPOE_HEADER + Bytes.u16(b, off + 4));
        return pppProtocol(b, off + PPPOE_HEADER, payloadEnd);
    }

    private static long ciscoHdlc(byte[] b, int off, int end) {
        // address (1), control (1), ethertype (2)
        if (end - off < 4) {
            return result(TRUNCATED, 0, 0);
        }
        return etherType(Bytes.u16(b, off + 2), b, off + 4, end);
    }
}
