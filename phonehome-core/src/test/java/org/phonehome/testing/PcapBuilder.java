package org.phonehome.testing;

import java.nio.ByteOrder;

/**
 * Writes a classic pcap file in memory: {@code CaptureBuilder.pcap(LinkType.ETHERNET).packet(t, frame).bytes()}.
 *
 * <p>Header settings ({@link #bigEndian()}, {@link #nanoseconds()}, {@link #snaplen}, {@link #version}) must come
 * before the first packet.
 */
public final class PcapBuilder {
    private static final int MICROS_MAGIC = 0xa1b2c3d4;
    private static final int NANOS_MAGIC = 0xa1b23c4d;
    private static final int DEFAULT_SNAPLEN = 262_144;

    private final ByteWriter out = new ByteWriter();
    private final int linkType;
    private boolean nanos;
    private int snaplen = DEFAULT_SNAPLEN;
    private int major = 2;
    private int minor = 4;
    private boolean headerWritten;

    PcapBuilder(int linkType) {
        this.linkType = linkType;
    }

    /** Writes the file big-endian (the default is little-endian). */
    public PcapBuilder bigEndian() {
        out.order(ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** Uses the nanosecond magic a1b23c4d (the default is microseconds). */
    public PcapBuilder nanoseconds() {
        nanos = true;
        return this;
    }

    public PcapBuilder snaplen(int value) {
        snaplen = value;
        return this;
    }

    public PcapBuilder version(int majorVersion, int minorVersion) {
        major = majorVersion;
        minor = minorVersion;
        return this;
    }

    /** A packet captured whole at {@code timeNanos} since the epoch. */
    public PcapBuilder packet(long timeNanos, byte[] data) {
        return packet(timeNanos, data.length, data);
    }

    /** A packet of {@code originalLength} bytes on the wire of which {@code data} was captured. */
    public PcapBuilder packet(long timeNanos, int originalLength, byte[] data) {
        long seconds = Math.floorDiv(timeNanos, 1_000_000_000L);
        long fraction = Math.floorMod(timeNanos, 1_000_000_000L);
        return record(seconds, nanos ? fraction : fraction / 1000, data.length, originalLength, data);
    }

    /** A record with every header field as given, lengths included, even when they do not match {@code data}. */
    public PcapBuilder record(long seconds, long fraction, long inclLen, long origLen, byte[] data) {
        header();
        out.u32(seconds).u32(fraction).u32(inclLen).u32(origLen).bytes(data);
        return this;
    }

    /** Appends bytes as they are (e.g. a record cut short). */
    public PcapBuilder raw(byte[] bytes) {
        header();
        out.bytes(bytes);
        return this;
    }

    /** The file so far. */
    public byte[] bytes() {
        header();
        return out.toByteArray();
    }

    private void header() {
        if (headerWritten) {
            return;
        }
        headerWritten = true;
        out.u32(nanos ? NANOS_MAGIC : MICROS_MAGIC).u16(major).u16(minor).u32(0).u32(0).u32(snaplen).u32(linkType);
    }
}
