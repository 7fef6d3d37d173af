package org.phonehome.capture;

/** LINKTYPE_* values (tcpdump.org link-layer header types) that phonehome decodes. */
public final class LinkType {
    /** BSD loopback: 4-byte address family in host byte order. */
    public static final int NULL = 0;
    /** IEEE 802.3 Ethernet. */
    public static final int ETHERNET = 1;
    /** PPP with HDLC-like framing or a bare protocol field (RFC 1661). */
    public static final int PPP = 9;
    /** Raw IP, as OpenBSD's value 12 / some libpcap builds write it. */
    public static final int RAW_OLD = 12;
    /** Raw IP, as OpenBSD's value 14. */
    public static final int RAW_OLD14 = 14;
    /** PPP in HDLC-like framing (RFC 1662). */
    public static final int PPP_HDLC = 50;
    /** PPP over Ethernet-style 0xff03 framing as some systems write it. */
    public static final int PPP_ETHER = 51;
    /** Raw IPv4 or IPv6; version taken from the first nibble. */
    public static final int RAW = 101;
    /** Cisco HDLC. */
    public static final int C_HDLC = 104;
    /** OpenBSD loopback: 4-byte address family in network byte order. */
    public static final int LOOP = 108;
    /** Linux "cooked" capture, version 1. */
    public static final int LINUX_SLL = 113;
    /** Linux netfilter NFLOG messages. */
    public static final int NFLOG = 239;
    /** Raw IPv4. */
    public static final int IPV4 = 228;
    /** Raw IPv6. */
    public static final int IPV6 = 229;
    /** Linux "cooked" capture, version 2. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    /** A short lower-case name for reports, e.g. {@code ethernet}, or {@code linktype_N}. */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "null";
            case ETHERNET -> "ethernet";
            case PPP -> "ppp";
            case RAW_OLD, RAW_OLD14, RAW -> "raw";
            case PPP_HDLC -> "ppp_hdlc";
            case PPP_ETHER -> "pppoe";
            case C_HDLC -> "c_hdlc";
            case LOOP -> "loop";
            case LINUX_SLL -> "linux_sll";
            case NFLOG -> "nflog";
            case IPV4 -> "ipv4";
            case IPV6 -> "ipv6";
            case LINUX_SLL2 -> "linux_sll2";
            default -> "linktype_" + linkType;
        };
    }
}
