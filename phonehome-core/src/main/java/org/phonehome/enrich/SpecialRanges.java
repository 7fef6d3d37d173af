package org.phonehome.enrich;

import org.phonehome.net.IpAddress;

/**
 * Special-purpose address ranges (IANA's IPv4 and IPv6 special-purpose registries, RFC 6890 and its updates),
 * named without asking any database: the bundled data is known to answer them wrongly (192.168.1.1 comes back
 * as AU), and a country for a private address is meaningless anyway.
 *
 * <p>Names: {@code unspecified} (0.0.0.0/8 "this network", ::/128), {@code private} (RFC 1918), {@code loopback}
 * (127/8, ::1), {@code link_local} (169.254/16, fe80::/10), {@code cgnat} (100.64/10, RFC 6598),
 * {@code documentation} (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20), {@code benchmarking}
 * (198.18/15, 2001:2::/48), {@code protocol_assignments} (192.0.0/24), {@code multicast} (224/4, ff00::/8),
 * {@code reserved} (240/4 but broadcast), {@code broadcast} (255.255.255.255), {@code unique_local}
 * (fc00::/7), {@code discard} (100::/64).
 */
public final class SpecialRanges {

    private SpecialRanges() {
    }

    /** The special range {@code ip} is in, or null for an ordinary (global) address. */
    public static String name(IpAddress ip) {
        return ip.version() == 4 ? name4(ip.low()) : name6(ip.high(), ip.low());
    }

    /** Whether {@code ip} lies in {@code prefix/bits} (IPv4, as an unsigned 32-bit value). */
    private static boolean in4(long ip, long prefix, int bits) {
        return (ip >>> (32 - bits)) == (prefix >>> (32 - bits));
    }

    private static long v4(int a, int b, int c, int d) {
        return ((long) a << 24) | (b << 16) | (c << 8) | d;
    }

    static String name4(long a) {
        int first = (int) (a >>> 24);
        switch (first) {
            case 0:
                return "unspecified";
            case 10:
                return "private";
            case 127:
                return "loopback";
            default:
                break;
        }
        if (first >= 224) {
            if (a == 0xffffffffL) {
                return "broadcast";
            }
            return first < 240 ? "multicast" : "reserved";
        }
        if (in4(a, v4(172, 16, 0, 0), 12) || in4(a, v4(192, 168, 0, 0), 16)) {
            return "private";
        }
        if (in4(a, v4(169, 254, 0, 0), 16)) {
            return "link_local";
        }
        if (in4(a, v4(100, 64, 0, 0), 10)) {
            return "cgnat";
        }
        if (in4(a, v4(192, 0, 2, 0), 24) || in4(a, v4(198, 51, 100, 0), 24) || in4(a, v4(203, 0, 113, 0), 24)) {
            return "documentation";
        }
        if (in4(a, v4(198, 18, 0, 0), 15)) {
            return "benchmarking";
        }
        if (in4(a, v4(192, 0, 0, 0), 24)) {
            return "protocol_assignments";
        }
        return null;
    }

    static String name6(long high, long low) {
        int first16 = (int) (high >>> 48);
        if (high == 0) {
            if (low == 0) {
                return "unspecified";
            }
            if (low == 1) {
                return "loopback";
            }
            return null; // IPv4-mapped and -compatible forms are handled by the caller
        }
        if ((first16 & 0xff00) == 0xff00) {
            return "multicast";
        }
        if ((first16 & 0xfe00) == 0xfc00) {
            return "unique_local";
        }
        if ((first16 & 0xffc0) == 0xfe80) {
            return "link_local";
        }
        if ((high >>> 32) == 0x20010db8L || (high >>> 44) == 0x3fff0L) {
            return "documentation";
        }
        if ((high >>> 16) == 0x200100020000L) {
            return "benchmarking";
        }
        if (high == 0x0100000000000000L) {
            return "discard";
        }
        return null;
    }

    /**
     * The IPv4 address an IPv6 address stands for, or null: IPv4-mapped {@code ::ffff:a.b.c.d} and NAT64's
     * well-known prefix {@code 64:ff9b::a.b.c.d} (RFC 6052; what a phone on an IPv6-only network with 464XLAT
     * sends to), whose country and ASN are those of the IPv4 address.
     */
    public static IpAddress embeddedIpv4(IpAddress ip) {
        if (ip.version() != 6) {
            return null;
        }
        boolean mapped = ip.high() == 0 && (ip.low() >>> 32) == 0xffffL;
        boolean nat64 = ip.high() == 0x0064ff9b00000000L && (ip.low() >>> 32) == 0;
        return mapped || nat64 ? IpAddress.ipv4((int) ip.low()) : null;
    }
}
