package org.phonehome.net;

/**
 * The addresses of recent packets, so that the packets of a flow mostly share one {@link IpAddress} for each end:
 * a packet then makes no address objects, and comparing its addresses with a flow's (every packet, every DNS answer
 * looked up) mostly finds the same object without reading the other's fields. Direct-mapped: a new address takes
 * its slot from whichever was there. Bounded (1,024 addresses); not thread-safe: one per decoder.
 */
final class RecentAddresses {
    private static final int SLOT_BITS = 10;
    private final IpAddress[] slots = new IpAddress[1 << SLOT_BITS];

    /** The IPv4 ({@code version} 4) or IPv6 address in the bytes at {@code off} of {@code b}. */
    IpAddress at(byte[] b, int off, int version) {
        if (version == 4) {
            int bits = IpAddress.readInt(b, off);
            int i = (bits * 0x9E3779B9) >>> (32 - SLOT_BITS);
            IpAddress a = slots[i];
            if (a != null && a.low() == (bits & 0xffffffffL) && a.version() == 4) {
                return a;
            }
            a = IpAddress.ipv4(bits);
            slots[i] = a;
            return a;
        }
        long high = IpAddress.readLong(b, off);
        long low = IpAddress.readLong(b, off + 8);
        int i = (int) (((high * 31 + low) * 0x9E3779B97F4A7C15L) >>> (64 - SLOT_BITS));
        IpAddress a = slots[i];
        if (a != null && a.low() == low && a.high() == high && a.version() == 6) {
            return a;
        }
        a = new IpAddress(high, low, 6);
        slots[i] = a;
        return a;
    }
}
