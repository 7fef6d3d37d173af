package org.phonehome.testing;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a pcapng file in memory, block by block:
 * {@code CaptureBuilder.pcapng().iface(LinkType.ETHERNET).packet(t, frame).bytes()}.
 *
 * <p>The file starts with a little-endian section; {@link #section(ByteOrder)} starts another one, which forgets
 * the interfaces. Packet times are given in nanoseconds and written in the interface's {@code if_tsresol} ticks.
 */
public final class PcapngBuilder {
    public static final int SHB = 0x0a0d0d0a;
    public static final int IDB = 1;
    public static final int PACKET_BLOCK = 2;
    public static final int SPB = 3;
    public static final int NRB = 4;
    public static final int ISB = 5;
    public static final int EPB = 6;
    public static final int DSB = 0x0a;
    public static final int CUSTOM = 0x00000bad;
    public static final int CUSTOM_NO_COPY = 0x40000bad;
    /** PCAPdroid's Private Enterprise Number, used in its custom blocks. */
    public static final int PCAPDROID_PEN = 62652;
    /** if_tsresol value meaning "no option written" (the reader then assumes microseconds). */
    public static final int DEFAULT_TSRESOL = -1;
    private static final int OPT_COMMENT = 1;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;

    private final ByteWriter out = new ByteWriter();
    /** if_tsresol of each interface of the current section (6 when absent). */
    private final List<Integer> resolutions = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();

    PcapngBuilder(ByteOrder order) {
        section(order);
    }

    /** Starts a new section in {@code order}: a Section Header Block, version 1.0, unknown length. */
    public PcapngBuilder section(ByteOrder order) {
        out.order(order);
        resolutions.clear();
        offsets.clear();
        ByteWriter body = body().u32(0x1a2b3c4d).u16(1).u16(0).u64(-1L);
        return block(SHB, body.toByteArray());
    }

    /** An interface with the given link type, no snaplen limit and microsecond time stamps. */
    public PcapngBuilder iface(int linkType) {
        return iface(linkType, 0, DEFAULT_TSRESOL, 0);
    }

    /**
     * An interface.
     *
     * @param tsresol       the if_tsresol byte (e.g. 9 = ns, 0x8a = 2^-10 s), or {@link #DEFAULT_TSRESOL}
     * @param offsetSeconds if_tsoffset, written only when not 0
     */
    public PcapngBuilder iface(int linkType, int snaplen, int tsresol, long offsetSeconds) {
        ByteWriter body = body().u16(linkType).u16(0).u32(snaplen);
        if (tsresol != DEFAULT_TSRESOL) {
            option(body, IF_TSRESOL, new byte[] {(byte) tsresol});
        }
        if (offsetSeconds != 0) {
            option(body, IF_TSOFFSET, body().u64(offsetSeconds).toByteArray());
        }
        if (tsresol != DEFAULT_TSRESOL || offsetSeconds != 0) {
            body.u32(0);
        }
        resolutions.add(tsresol == DEFAULT_TSRESOL ? 6 : tsresol);
        offsets.add(offsetSeconds);
        return block(IDB, body.toByteArray());
    }

    /** An Enhanced Packet Block on interface 0, captured whole. */
    public PcapngBuilder packet(long timeNanos, byte[] data) {
        return epb(0, timeNanos, data.length, data, null);
    }

    /** An Enhanced Packet Block; {@code comment} (opt_comment) is left out when null. */
    public PcapngBuilder epb(int interfaceId, long timeNanos, int originalLength, byte[] data, String comment) {
        long ticks = ticks(interfaceId, timeNanos);
        ByteWriter body = body().u32(interfaceId).u32(ticks >>> 32).u32(ticks).u32(data.length).u32(originalLength)
                .bytes(data).pad4();
        if (comment != null) {
            option(body, OPT_COMMENT, comment.getBytes(StandardCharsets.UTF_8));
            body.u32(0);
        }
        return block(EPB, body.toByteArray());
    }

    /** A Simple Packet Block (interface 0, no time stamp). */
    public PcapngBuilder spb(int originalLength, byte[] data) {
        return block(SPB, body().u32(originalLength).bytes(data).pad4().toByteArray());
    }

    /** An obsolete Packet Block (type 2) with a 16-bit interface id and a zero drops count. */
    public PcapngBuilder obsoletePacket(int interfaceId, long timeNanos, byte[] data) {
        long ticks = ticks(interfaceId, timeNanos);
        ByteWriter body = body().u16(interfaceId).u16(0).u32(ticks >>> 32).u32(ticks).u32(data.length)
                .u32(data.length).bytes(data).pad4();
        return block(PACKET_BLOCK, body.toByteArray());
    }

    /** A Decryption Secrets Block. */
    public PcapngBuilder dsb(int secretsType, byte[] secrets) {
        return block(DSB, body().u32(secretsType).u32(secrets.length).bytes(secrets).pad4().toByteArray());
    }

    /** A Name Resolution Block with one IPv4 record naming {@code address}. */
    public PcapngBuilder nrbIpv4(byte[] address, String... names) {
        ByteWriter value = body().bytes(address);
        for (String name : names) {
            value.bytes(name.getBytes(StandardCharsets.UTF_8)).u8(0);
        }
        byte[] v = value.toByteArray();
        return block(NRB, body().u16(1).u16(v.length).bytes(v).pad4().u32(0).toByteArray());
    }

    /** An Interface Statistics Block for {@code interfaceId} with a zero time stamp and no options. */
    public PcapngBuilder isb(int interfaceId) {
        return block(ISB, body().u32(interfaceId).u32(0).u32(0).toByteArray());
    }

    /** A custom block ({@link #CUSTOM} or {@link #CUSTOM_NO_COPY}) of the vendor {@code pen}. */
    public PcapngBuilder custom(int type, int pen, byte[] payload) {
        return block(type, body().u32(pen).bytes(payload).pad4().toByteArray());
    }

    /** PCAPdroid's uid map custom block: {@code uid} is the app {@code packageName} called {@code appName}. */
    public PcapngBuilder pcapdroidUidMap(int uid, String packageName, String appName) {
        byte[] pkg = packageName.getBytes(StandardCharsets.UTF_8);
        byte[] app = appName.getBytes(StandardCharsets.UTF_8);
        byte[] payload = body().u16(1).u8(1).u8(0).u32(uid).u8(pkg.length).u8(app.length).bytes(pkg).bytes(app)
                .toByteArray();
        return custom(CUSTOM, PCAPDROID_PEN, payload);
    }

    /** Any block: {@code body} framed by the type and both total lengths (padded to 4 bytes). */
    public PcapngBuilder block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        out.u32(type).u32(padded + 12).bytes(body);
        out.pad4();
        out.u32(padded + 12);
        return this;
    }

    /** Appends bytes as they are (e.g. a damaged block). */
    public PcapngBuilder raw(byte[] bytes) {
        out.bytes(bytes);
        return this;
    }

    /** The file so far. */
    public byte[] bytes() {
        return out.toByteArray();
    }

    /** A scratch writer in the current section's byte order. */
    private ByteWriter body() {
        return new ByteWriter().order(out.order());
    }

    private static void option(ByteWriter body, int code, byte[] value) {
        body.u16(code).u16(value.length).bytes(value).pad4();
    }

    /** {@code timeNanos} in the interface's ticks, after taking off its if_tsoffset. */
    private long ticks(int interfaceId, long timeNanos) {
        if (interfaceId >= resolutions.size()) {
            return timeNanos / 1000;
        }
        int tsresol = resolutions.get(interfaceId);
        BigInteger nanos = BigInteger.valueOf(timeNanos - offsets.get(interfaceId) * 1_000_000_000L);
        BigInteger perSecond = (tsresol & 0x80) != 0
                ? BigInteger.ONE.shiftLeft(tsresol & 0x7f) : BigInteger.TEN.pow(tsresol);
        return nanos.multiply(perSecond).divide(BigInteger.valueOf(1_000_000_000L)).longValue();
    }
}
