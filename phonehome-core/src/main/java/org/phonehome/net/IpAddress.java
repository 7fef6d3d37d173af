package org.phonehome.net;

/**
 * An IPv4 or IPv6 address as two longs: cheap to hash and compare on the hot path.
 *
 * @param high    upper 64 bits of an IPv6 address; 0 for IPv4
 * @param low     lower 64 bits of an IPv6 address, or the IPv4 address in the low 32 bits
 * @param version 4 or 6
 */
public record IpAddress(long high, long low, int version) implements Comparable<IpAddress> {

    // Written out: the record's generated hashCode and equals are slower, and these run for every packet.
    @Override
    public int hashCode() {
        long h = (high * 0x9E3779B97F4A7C15L + low) * 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32)) + version;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof IpAddress a && a.low == low && a.high == high && a.version == version;
    }

    /** An IPv4 address from its 32 bits (network order as an int). */
    public static IpAddress ipv4(int bits) {
        return new IpAddress(0, bits & 0xffffffffL, 4);
    }

    /** An IPv4 address read from 4 bytes at {@code off}. */
    public static IpAddress ipv4(byte[] b, int off) {
        return ipv4(readInt(b, off));
    }

    /** The 32 bits of an IPv4 address at {@code off}, network order. */
    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    /** An IPv6 address read from 16 bytes at {@code off}. */
    public static IpAddress ipv6(byte[] b, int off) {
        return new IpAddress(readLong(b, off), readLong(b, off + 8), 6);
    }

    /** Parses dotted IPv4 or textual IPv6 (no zone); throws IllegalArgumentException when it is neither. */
    public static IpAddress parse(String text) {
        String t = text.trim();
        if (t.indexOf(':') < 0) {
            String[] parts = t.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            int v = 0;
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                    throw new IllegalArgumentException("not an IP address: " + text);
                }
                int n = Integer.parseInt(p);
                if (n > 255) {
                    throw new IllegalArgumentException("not an IP address: " + text);
                }
                v = (v << 8) | n;
            }
            return ipv4(v);
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!t.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            byte[] b = java.net.InetAddress.getByName(t).getAddress();
            if (b.length == 4) {
                // "::ffff:1.2.3.4" is turned into IPv4 by the JDK; keep what the user wrote as IPv6.
                byte[] m = new byte[16];
                m[10] = (byte) 0xff;
                m[11] = (byte) 0xff;
                System.arraycopy(b, 0, m, 12, 4);
                return ipv6(m, 0);
            }
            return ipv6(b, 0);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    /** The address bytes in network order (4 or 16). */
    public byte[] toBytes() {
        if (version == 4) {
            return new byte[] {(byte) (low >>> 24), (byte) (low >>> 16), (byte) (low >>> 8), (byte) low};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    /** True for RFC 1918, loopback, link-local, CGNAT (RFC 6598), IPv6 ULA, link-local and loopback addresses. */
    public boolean isPrivate() {
        if (version == 4) {
            long a = low;
            return (a >>> 24) == 10 || (a >>> 20) == (172L << 4 | 1) || (a >>> 16) == (192L << 8 | 168)
                    || (a >>> 24) == 127 || (a >>> 16) == (169L << 8 | 254) || (a >>> 22) == (100L << 2 | 1)
                    || a == 0;
        }
        int first16 = (int) (high >>> 48);
        return (first16 & 0xfe00) == 0xfc00 || (first16 & 0xffc0) == 0xfe80 || (high == 0 && (low == 1 || low == 0));
    }

    /** True for multicast and (IPv4) limited broadcast addresses. */
    public boolean isMulticastOrBroadcast() {
        if (version == 4) {
            return (low >>> 28) == 0xe || low == 0xffffffffL;
        }
        return (high >>> 56) == 0xff;
    }

    @Override
    public int compareTo(IpAddress o) {
        if (version != o.version) {
            return Integer.compare(version, o.version);
        }
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /** Dotted quad for IPv4; RFC 5952 text (lower case, longest zero run as "::") for IPv6, as tshark prints. */
    @Override
    public String toString() {
        if (version == 4) {
            // A StringBuilder, not string concatenation: that is a method-handle call under the client compiler.
            return new StringBuilder(15).append(low >>> 24 & 0xff).append('.').append(low >>> 16 & 0xff).append('.')
                    .append(low >>> 8 & 0xff).append('.').append(low & 0xff).toString();
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            g[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        // IPv4-mapped addresses print with a dotted tail, as tshark does.
        if (bestStart == 0 && bestLen == 5 && g[5] == 0xffff) {
            return "::ffff:" + (g[6] >>> 8) + "." + (g[6] & 0xff) + "." + (g[7] >>> 8) + "." + (g[7] & 0xff);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
