package org.phonehome.capture;

/**
 * One pcapng Interface Description Block, as far as reading its packets needs it.
 *
 * @param linkType      LINKTYPE_* of its packets
 * @param snaplen       the most bytes captured per packet; 0 = no limit
 * @param resolution    how its time stamp ticks become nanoseconds ({@code if_tsresol})
 * @param offsetSeconds seconds to add to every time stamp ({@code if_tsoffset})
 */
record PcapngInterface(int linkType, long snaplen, TimestampResolution resolution, long offsetSeconds) {

    /** Nanoseconds since the epoch of a packet time stamp on this interface. */
    long toNanos(long ticks) {
        return resolution.toNanos(ticks) + offsetSeconds * 1_000_000_000L;
    }
}
