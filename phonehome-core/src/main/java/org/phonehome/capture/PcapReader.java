package org.phonehome.capture;

import java.io.IOException;
import java.util.List;
import org.phonehome.Counters;

/**
 * Reads a classic pcap file: both byte orders, microsecond and nanosecond time stamps.
 *
 * <p>Limits: a record may hold at most {@link #STANDARD_MAX_RECORD_BYTES} bytes, or the header's snaplen when that
 * is larger, but never more than {@link #HARD_MAX_RECORD_BYTES}; a larger length is damage, not a packet.
 */
public final class PcapReader implements CaptureReader {
    /** File header: magic, version, thiszone, sigfigs, snaplen, linktype. */
    static final int FILE_HEADER_BYTES = 24;
    /** Record header: seconds, fraction, captured length, original length. */
    private static final int RECORD_HEADER_BYTES = 16;
    /** Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD: no link type we decode has bigger packets. */
    static final int STANDARD_MAX_RECORD_BYTES = 262_144;
    /** Wireshark's largest per-link-type limit (D-Bus, 128 MiB) with room; bounds memory per record. */
    static final int HARD_MAX_RECORD_BYTES = 256 * 1024 * 1024;
    /** The link type field's low 16 bits are the LINKTYPE; the upper bits carry FCS length flags. */
    private static final int LINK_TYPE_MASK = 0xffff;
    /** Before version 2.3 the record header held orig_len before incl_len (as Wireshark reads it). */
    private static final int FIRST_MINOR_WITH_CURRENT_ORDER = 3;
    /** DG/UX tcpdump wrote version 543.0 with the pre-2.3 field order. */
    private static final int DGUX_MAJOR = 543;

    private final CaptureInput in;
    private final String displayName;
    private final boolean nanos;
    private final int linkType;
    private final long maxRecordBytes;
    private final LengthOrder lengthOrder;
    private final Counters counters = new Counters();
    private long nextFrame;
    private boolean done;

    /** How incl_len and orig_len are laid out in the record header. */
    private enum LengthOrder { CURRENT, SWAPPED, SWAPPED_WHEN_INCL_EXCEEDS_ORIG }

    /** Reads the file header; {@code in} is positioned at the magic, whose byte order is already known. */
    PcapReader(CaptureInput in, String displayName, boolean bigEndian, boolean nanos, long firstFrameNumber)
            throws IOException {
        this.in = in;
        this.displayName = displayName;
        this.nanos = nanos;
        this.nextFrame = firstFrameNumber;
        in.bigEndian(bigEndian);
        if (in.request(FILE_HEADER_BYTES) < FILE_HEADER_BYTES) {
            throw new CaptureFormatException(0, "pcap file header cut short: " + FILE_HEADER_BYTES
                    + " bytes needed, " + in.request(FILE_HEADER_BYTES) + " present");
        }
        int p = in.position();
        int major = in.u16(p + 4);
        int minor = in.u16(p + 6);
        long snaplen = in.u32(p + 16) & 0xffffffffL;
        this.linkType = in.u32(p + 20) & LINK_TYPE_MASK;
        in.advance(FILE_HEADER_BYTES);
        if (major != 2 && major != DGUX_MAJOR) {
            throw new CaptureFormatException(4, "unsupported pcap version " + major + "." + minor);
        }
        if (major == DGUX_MAJOR || minor < FIRST_MINOR_WITH_CURRENT_ORDER) {
            lengthOrder = LengthOrder.SWAPPED;
        } else if (minor == FIRST_MINOR_WITH_CURRENT_ORDER) {
            // Some 2.3 writers kept the old order; an incl_len above orig_len gives them away.
            lengthOrder = LengthOrder.SWAPPED_WHEN_INCL_EXCEEDS_ORIG;
        } else {
            lengthOrder = LengthOrder.CURRENT;
        }
        this.maxRecordBytes = Math.min(Math.max(STANDARD_MAX_RECORD_BYTES, snaplen), HARD_MAX_RECORD_BYTES);
    }

    @Override
    public CapturedPacket next() throws IOException {
        if (done) {
            return null;
        }
        long recordOffset = in.offset();
        int present = in.request(RECORD_HEADER_BYTES);
        if (present == 0) {
            done = true;
            return null;
        }
        if (present < RECORD_HEADER_BYTES) {
            done = true;
            throw new CaptureFormatException(recordOffset, "record cut short: " + RECORD_HEADER_BYTES
                    + " header bytes announced, " + present + " present");
        }
        int p = in.position();
        long seconds = in.u32(p) & 0xffffffffL;
        long fraction = in.u32(p + 4) & 0xffffffffL;
        long inclLen = in.u32(p + 8) & 0xffffffffL;
        long origLen = in.u32(p + 12) & 0xffffffffL;
        if (lengthOrder == LengthOrder.SWAPPED
                || (lengthOrder == LengthOrder.SWAPPED_WHEN_INCL_EXCEEDS_ORIG && inclLen > origLen)) {
            long t = inclLen;
            inclLen = origLen;
            origLen = t;
        }
        if (inclLen > maxRecordBytes) {
            done = true;
            throw new CaptureFormatException(recordOffset, "record length " + inclLen
                    + " exceeds the maximum of " + maxRecordBytes);
        }
        in.advance(RECORD_HEADER_BYTES);
        if (!in.take((int) inclLen)) {
            done = true;
            long got = in.offset() - recordOffset - RECORD_HEADER_BYTES;
            throw new CaptureFormatException(recordOffset, "record cut short: " + inclLen
                    + " bytes announced, " + got + " present");
        }
        if (origLen > inclLen) {
            counters.increment("snaplen_truncated");
        }
        long nanosTotal = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
        byte[] data = in.takenArray();
        int at = in.takenOffset();
        int length = (int) inclLen;
        AppAttribution app = linkType == LinkType.ETHERNET
                ? PcapdroidTrailer.attribution(data, at, length, counters) : null;
        // orig_len above 2 GiB is nonsense; clamp instead of going negative.
        int original = (int) Math.min(origLen, Integer.MAX_VALUE);
        return new CapturedPacket(nextFrame++, nanosTotal, linkType, original, data, at, length, 0, app);
    }

    /** The LINKTYPE of every record in the file. */
    public int linkType() {
        return linkType;
    }

    @Override
    public String format() {
        return nanos ? "pcap-ns" : "pcap";
    }

    @Override
    public long offset() {
        return in.offset();
    }

    @Override
    public List<DecryptionSecrets> secrets() {
        return List.of();
    }

    @Override
    public Counters counters() {
        return counters;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public String toString() {
        return displayName + " (" + format() + ", " + LinkType.name(linkType) + ")";
    }
}
