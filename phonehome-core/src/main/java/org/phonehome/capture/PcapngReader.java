package org.phonehome.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.phonehome.Counters;

/**
 * Reads a pcapng file: sections in either byte order, interfaces with their time stamp resolution, enhanced,
 * simple and obsolete packet blocks, decryption secrets, PCAPdroid uid maps; other blocks are skipped and counted.
 *
 * <p>A packet on an interface the section never described is damage, as in Wireshark: the stream ends there with a
 * {@link CaptureFormatException}. Limits: a packet holds at most {@link PcapReader#HARD_MAX_RECORD_BYTES}; a
 * section describes at most {@link #MAX_INTERFACES} interfaces; secrets above {@link #MAX_SECRETS_BYTES} and
 * comments above {@link #MAX_COMMENT_BYTES} are skipped and counted. Blocks are skipped by streaming, so a block
 * length that claims gigabytes costs nothing but the bytes that are really there.
 *
 * <p>Frame numbers follow Wireshark's: it shows each custom block (0x00000BAD, 0x40000BAD) as a frame of its own,
 * so a custom block takes a frame number without yielding a packet (counted as {@code pcapng_custom_block}).
 */
public final class PcapngReader implements CaptureReader {
    private static final int SHB = Captures.PCAPNG_SHB;
    private static final int IDB = 0x00000001;
    private static final int OBSOLETE_PACKET_BLOCK = 0x00000002;
    private static final int SPB = 0x00000003;
    private static final int NRB = 0x00000004;
    private static final int ISB = 0x00000005;
    private static final int EPB = 0x00000006;
    private static final int DSB = 0x0000000a;
    private static final int CUSTOM_BLOCK = 0x00000bad;
    private static final int CUSTOM_BLOCK_NO_COPY = 0x40000bad;
    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;

    /** Type and total length before the body, total length again after it. */
    private static final int BLOCK_OVERHEAD = 12;
    private static final int SHB_FIXED = 16;
    private static final int IDB_FIXED = 8;
    private static final int EPB_FIXED = 20;
    private static final int SPB_FIXED = 4;
    private static final int DSB_FIXED = 8;
    private static final int OPTION_HEADER = 4;
    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;
    private static final int NRB_END = 0;
    private static final int NRB_IPV4 = 1;
    private static final int NRB_IPV6 = 2;

    /** The EPB interface id is 32 bits; 64 Ki interfaces is far beyond any real capture (95 is the most seen). */
    static final int MAX_INTERFACES = 65_536;
    /** Key logs of a long browsing session run to a few MiB; more than this is not a key log worth holding. */
    static final int MAX_SECRETS_BYTES = 64 * 1024 * 1024;
    /** An option value is at most 65535 bytes by its 16-bit length; comments we keep are PCAPdroid's short ones. */
    static final int MAX_COMMENT_BYTES = 4096;
    /** A PCAPdroid uid map entry holds two names of at most 255 bytes each. */
    private static final int MAX_CUSTOM_PAYLOAD_BYTES = 4096;

    private final CaptureInput in;
    private final String displayName;
    private final Counters counters = new Counters();
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private final List<DecryptionSecrets> secrets = new ArrayList<>();
    private final PcapdroidUidMap uidMap = new PcapdroidUidMap();
    private long nextFrame;
    private long lastTimestamp;
    private boolean done;
    /** Option state of the block being read. */
    private String comment;
    private TimestampResolution optionResolution;
    private long optionOffsetSeconds;

    PcapngReader(CaptureInput in, String displayName, long firstFrameNumber) {
        this.in = in;
        this.displayName = displayName;
        this.nextFrame = firstFrameNumber;
    }

    @Override
    public CapturedPacket next() throws IOException {
        if (done) {
            return null;
        }
        try {
            CapturedPacket packet;
            do {
                packet = readBlock();
            } while (packet == null && !done);
            return packet;
        } catch (IOException e) {
            done = true;
            throw e;
        }
    }

    /** Reads one block: a packet, or null after a block that is not one (or at the end). */
    private CapturedPacket readBlock() throws IOException {
        long blockOffset = in.offset();
        int present = in.request(8);
        if (present == 0) {
            done = true;
            return null;
        }
        if (present < 8) {
            throw cutShort(blockOffset, 8, present);
        }
        int p = in.position();
        int type = in.u32(p);
        if (type == SHB) {
            int got = in.request(BLOCK_OVERHEAD);
            if (got < BLOCK_OVERHEAD) {
                throw cutShort(blockOffset, BLOCK_OVERHEAD, got);
            }
            p = in.position();
            int magic = CaptureInput.be32(in.buffer(), p + 8);
            if (magic == BYTE_ORDER_MAGIC) {
                in.bigEndian(true);
            } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
                in.bigEndian(false);
            } else {
                throw new CaptureFormatException(blockOffset + 8,
                        String.format("section header byte-order magic %08x is neither 1a2b3c4d nor 4d3c2b1a", magic));
            }
        }
        long length = in.u32(p + 4) & 0xffffffffL;
        if (length < BLOCK_OVERHEAD || length % 4 != 0) {
            throw new CaptureFormatException(blockOffset, String.format(
                    "block total length %d is invalid (block type 0x%08x): must be a multiple of 4 and at least 12",
                    length, type));
        }
        in.advance(8);
        long bodyEnd = blockOffset + length - 4;
        CapturedPacket packet = switch (type) {
            case SHB -> readSectionHeader(blockOffset, bodyEnd);
            case IDB -> readInterface(blockOffset, bodyEnd);
            case EPB -> readPacket(blockOffset, bodyEnd, false);
            case OBSOLETE_PACKET_BLOCK -> readPacket(blockOffset, bodyEnd, true);
            case SPB -> readSimplePacket(blockOffset, bodyEnd);
            case NRB -> readNames(blockOffset, bodyEnd);
            case DSB -> readSecrets(blockOffset, bodyEnd);
            case CUSTOM_BLOCK, CUSTOM_BLOCK_NO_COPY -> readCustom(blockOffset, bodyEnd);
            case ISB -> count("pcapng_interface_statistics");
            default -> count("pcapng_unknown_block");
        };
        finishBlock(blockOffset, length, bodyEnd);
        return packet;
    }

    /** Skips what the block's reader left of the body, then checks the trailing total length. */
    private void finishBlock(long blockOffset, long length, long bodyEnd) throws IOException {
        long rest = bodyEnd - in.offset();
        if (rest > 0 && in.skip(rest) < rest) {
            throw cutShort(blockOffset, length, in.offset() - blockOffset);
        }
        int got = in.request(4);
        if (got < 4) {
            throw cutShort(blockOffset, length, in.offset() - blockOffset + got);
        }
        long trailing = in.u32(in.position()) & 0xffffffffL;
        if (trailing != length) {
            throw new CaptureFormatException(blockOffset, "block total length " + length
                    + " does not match its trailing copy " + trailing);
        }
        in.advance(4);
    }

    private CapturedPacket readSectionHeader(long blockOffset, long bodyEnd) throws IOException {
        need(blockOffset, bodyEnd, SHB_FIXED);
        int p = in.position();
        int major = in.u16(p + 4);
        int minor = in.u16(p + 6);
        if (major != 1) {
            throw new CaptureFormatException(blockOffset, "unsupported pcapng version " + major + "." + minor);
        }
        in.advance(SHB_FIXED);
        interfaces.clear();
        counters.increment("pcapng_section");
        return null;
    }

    private CapturedPacket readInterface(long blockOffset, long bodyEnd) throws IOException {
        need(blockOffset, bodyEnd, IDB_FIXED);
        int p = in.position();
        int linkType = in.u16(p);
        long snaplen = in.u32(p + 4) & 0xffffffffL;
        in.advance(IDB_FIXED);
        if (interfaces.size() >= MAX_INTERFACES) {
            throw new CaptureFormatException(blockOffset, "more than " + MAX_INTERFACES + " interfaces in one section");
        }
        optionResolution = TimestampResolution.MICROSECONDS;
        optionOffsetSeconds = 0;
        readOptions(bodyEnd, IDB);
        interfaces.add(new PcapngInterface(linkType, snaplen, optionResolution, optionOffsetSeconds));
        counters.increment("pcapng_interface");
        return null;
    }

    /** Enhanced Packet Block, or the obsolete Packet Block (16-bit interface id, then a drops count). */
    private CapturedPacket readPacket(long blockOffset, long bodyEnd, boolean obsolete) throws IOException {
        need(blockOffset, bodyEnd, EPB_FIXED);
        int p = in.position();
        int interfaceId = obsolete ? in.u16(p) : in.u32(p);
        long ticks = (in.u32(p + 4) & 0xffffffffL) << 32 | (in.u32(p + 8) & 0xffffffffL);
        long capturedLength = in.u32(p + 12) & 0xffffffffL;
        long originalLength = in.u32(p + 16) & 0xffffffffL;
        in.advance(EPB_FIXED);
        PcapngInterface iface = interfaceFor(blockOffset, interfaceId);
        if (capturedLength > PcapReader.HARD_MAX_RECORD_BYTES) {
            throw new CaptureFormatException(blockOffset, "captured length " + capturedLength
                    + " exceeds the maximum of " + PcapReader.HARD_MAX_RECORD_BYTES);
        }
        if (capturedLength > bodyEnd - in.offset()) {
            throw new CaptureFormatException(blockOffset, "captured length " + capturedLength
                    + " does not fit in a block of " + (bodyEnd + 4 - blockOffset) + " bytes");
        }
        takeData(blockOffset, bodyEnd, (int) capturedLength);
        byte[] data = in.takenArray();
        int at = in.takenOffset();
        // Packet data is padded to 4 bytes; the options start after the padding.
        in.skip(Math.min((-capturedLength) & 3, bodyEnd - in.offset()));
        comment = null;
        readOptions(bodyEnd, EPB);
        AppAttribution app = null;
        if (comment != null) {
            app = uidMap.forComment(comment);
            if (app != null) {
                counters.increment(app.packageName() == null && app.appName() == null
                        ? "pcapdroid_uid_unmapped" : "pcapdroid_comment");
            }
        }
        if (obsolete) {
            counters.increment("pcapng_obsolete_packet_block");
        }
        lastTimestamp = iface.toNanos(ticks);
        return packet(iface, interfaceId, lastTimestamp, originalLength, data, at, (int) capturedLength, app);
    }

    /** Simple Packet Block: interface 0, no time stamp (the previous packet's is used, as tshark shows none). */
    private CapturedPacket readSimplePacket(long blockOffset, long bodyEnd) throws IOException {
        need(blockOffset, bodyEnd, SPB_FIXED);
        long originalLength = in.u32(in.position()) & 0xffffffffL;
        in.advance(SPB_FIXED);
        PcapngInterface iface = interfaceFor(blockOffset, 0);
        long capturedLength = Math.min(originalLength, bodyEnd - in.offset());
        if (iface.snaplen() != 0) {
            capturedLength = Math.min(capturedLength, iface.snaplen());
        }
        if (capturedLength > PcapReader.HARD_MAX_RECORD_BYTES) {
            throw new CaptureFormatException(blockOffset, "captured length " + capturedLength
                    + " exceeds the maximum of " + PcapReader.HARD_MAX_RECORD_BYTES);
        }
        takeData(blockOffset, bodyEnd, (int) capturedLength);
        counters.increment("pcapng_simple_packet_block");
        return packet(iface, 0, lastTimestamp, originalLength, in.takenArray(), in.takenOffset(),
                (int) capturedLength, null);
    }

    private CapturedPacket packet(PcapngInterface iface, int interfaceId, long timestamp, long originalLength,
                                  byte[] data, int at, int length, AppAttribution app) {
        if (originalLength > length) {
            counters.increment("snaplen_truncated");
        }
        int linkType = iface.linkType();
        if (app == null && linkType == LinkType.ETHERNET) {
            app = PcapdroidTrailer.attribution(data, at, length, counters);
        }
        int original = (int) Math.min(originalLength, Integer.MAX_VALUE);
        return new CapturedPacket(nextFrame++, timestamp, linkType, original, data, at, length, interfaceId, app);
    }

    private PcapngInterface interfaceFor(long blockOffset, int interfaceId) throws CaptureFormatException {
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            throw new CaptureFormatException(blockOffset, "packet on interface " + Integer.toUnsignedString(interfaceId)
                    + ", but the section describes " + interfaces.size() + " interface(s)");
        }
        return interfaces.get(interfaceId);
    }

    /** Takes a packet's {@code length} bytes ({@link CaptureInput#take(int)}); damage when the file ends first. */
    private void takeData(long blockOffset, long bodyEnd, int length) throws IOException {
        if (!in.take(length)) {
            throw cutShort(blockOffset, bodyEnd + 4 - blockOffset, in.offset() - blockOffset);
        }
    }

    /** Reads {@code length} bytes into an array of their own; damage when the file ends first. */
    private byte[] readData(long blockOffset, long bodyEnd, int length) throws IOException {
        byte[] data = in.readBytes(length);
        if (data == null) {
            throw cutShort(blockOffset, bodyEnd + 4 - blockOffset, in.offset() - blockOffset);
        }
        return data;
    }

    /** Name Resolution Block: counts the names of its IPv4 and IPv6 records. */
    private CapturedPacket readNames(long blockOffset, long bodyEnd) throws IOException {
        counters.increment("pcapng_name_resolution");
        while (bodyEnd - in.offset() >= OPTION_HEADER) {
            need(blockOffset, bodyEnd, OPTION_HEADER);
            int p = in.position();
            int recordType = in.u16(p);
            int valueLength = in.u16(p + 2);
            in.advance(OPTION_HEADER);
            long padded = (valueLength + 3L) & ~3L;
            if (recordType == NRB_END || padded > bodyEnd - in.offset()) {
                break;
            }
            int addressLength = recordType == NRB_IPV4 ? 4 : recordType == NRB_IPV6 ? 16 : -1;
            if (addressLength > 0 && valueLength > addressLength) {
                need(blockOffset, bodyEnd, valueLength);
                int names = 0;
                int v = in.position();
                for (int i = v + addressLength; i < v + valueLength; i++) {
                    if (in.u8(i) == 0) {
                        names++;
                    }
                }
                counters.add("pcapng_name_resolution_name", names);
            }
            in.skip(padded);
        }
        return null;
    }

    private CapturedPacket readSecrets(long blockOffset, long bodyEnd) throws IOException {
        need(blockOffset, bodyEnd, DSB_FIXED);
        int p = in.position();
        int secretsType = in.u32(p);
        long secretsLength = in.u32(p + 4) & 0xffffffffL;
        in.advance(DSB_FIXED);
        if (secretsLength > bodyEnd - in.offset()) {
            throw new CaptureFormatException(blockOffset, "secrets length " + secretsLength
                    + " does not fit in a block of " + (bodyEnd + 4 - blockOffset) + " bytes");
        }
        if (secretsLength > MAX_SECRETS_BYTES) {
            counters.increment("pcapng_secrets_too_large");
            return null;
        }
        secrets.add(new DecryptionSecrets(secretsType, readData(blockOffset, bodyEnd, (int) secretsLength)));
        counters.increment("pcapng_decryption_secrets");
        return null;
    }

    private CapturedPacket readCustom(long blockOffset, long bodyEnd) throws IOException {
        counters.increment("pcapng_custom_block");
        // Wireshark shows every custom block as a frame; skipping its number keeps ours equal to Wireshark's.
        nextFrame++;
        if (bodyEnd - in.offset() < 4) {
            return null;
        }
        need(blockOffset, bodyEnd, 4);
        int pen = in.u32(in.position());
        in.advance(4);
        long payloadLength = bodyEnd - in.offset();
        if (pen == PcapdroidUidMap.PEN && payloadLength <= MAX_CUSTOM_PAYLOAD_BYTES) {
            byte[] payload = readData(blockOffset, bodyEnd, (int) payloadLength);
            if (uidMap.add(payload, in.bigEndian())) {
                counters.increment("pcapdroid_uid_map");
            }
        }
        return null;
    }

    /**
     * Walks the options up to {@code bodyEnd}, keeping what {@code blockType} needs in the option fields.
     * Damaged options end the walk without error: they cost a comment, never a packet.
     */
    private void readOptions(long bodyEnd, int blockType) throws IOException {
        while (bodyEnd - in.offset() >= OPTION_HEADER) {
            if (in.request(OPTION_HEADER) < OPTION_HEADER) {
                return;
            }
            int p = in.position();
            int code = in.u16(p);
            int length = in.u16(p + 2);
            long padded = (length + 3L) & ~3L;
            if (code == OPT_END || padded > bodyEnd - in.offset() - OPTION_HEADER) {
                return;
            }
            in.advance(OPTION_HEADER);
            if (in.request(length) < length) {
                return;
            }
            int v = in.position();
            if (blockType == EPB && code == OPT_COMMENT && comment == null) {
                if (length <= MAX_COMMENT_BYTES) {
                    comment = new String(in.buffer(), v, length, StandardCharsets.UTF_8);
                } else {
                    counters.increment("pcapng_comment_too_long");
                }
            } else if (blockType == IDB && code == IF_TSRESOL && length >= 1) {
                optionResolution = TimestampResolution.fromOption(in.u8(v));
            } else if (blockType == IDB && code == IF_TSOFFSET && length >= 8) {
                optionOffsetSeconds = in.bigEndian()
                        ? (long) in.u32(v) << 32 | (in.u32(v + 4) & 0xffffffffL)
                        : (long) in.u32(v + 4) << 32 | (in.u32(v) & 0xffffffffL);
            }
            in.skip(padded);
        }
    }

    /** Makes {@code n} body bytes readable, or throws when the body or the file is too short. */
    private void need(long blockOffset, long bodyEnd, int n) throws IOException {
        if (n > bodyEnd - in.offset()) {
            throw new CaptureFormatException(blockOffset, "block of " + (bodyEnd + 4 - blockOffset)
                    + " bytes is too short for its fixed fields");
        }
        int got = in.request(n);
        if (got < n) {
            throw cutShort(blockOffset, bodyEnd + 4 - blockOffset, in.offset() - blockOffset + got);
        }
    }

    private CapturedPacket count(String name) {
        counters.increment(name);
        return null;
    }

    private static CaptureFormatException cutShort(long blockOffset, long announced, long present) {
        return new CaptureFormatException(blockOffset, "block cut short: " + announced + " bytes announced, "
                + present + " present");
    }

    @Override
    public String format() {
        return "pcapng";
    }

    @Override
    public long offset() {
        return in.offset();
    }

    @Override
    public List<DecryptionSecrets> secrets() {
        return Collections.unmodifiableList(secrets);
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
        return displayName + " (pcapng)";
    }
}
