package org.phonehome.proto.quic;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ClientHelloParser;
import org.phonehome.proto.tls.ServerHello;
import org.phonehome.proto.tls.ServerHelloParser;

/**
 * Reads the Initial packets of one QUIC flow (RFC 9000/9001, RFC 9369 for v2): splits coalesced packets, removes
 * the Initial protection, reassembles the CRYPTO stream and reports the ClientHello (and the ServerHello) to a
 * {@link QuicSink}. Counts every packet by type in {@link QuicStats}. Never throws from {@link #datagram}.
 *
 * <p>{@link Direction#OUTBOUND} is taken as the client. Initial keys come from the Destination Connection ID of
 * the client's first Initial (and again after a Retry); a client Initial that does not open with them is tried once
 * with keys from its own DCID, which covers a capture that missed the Retry. Limits: {@link QuicLimits}.
 */
public final class QuicInitialParser {
    private static final int HANDSHAKE_HEADER_LENGTH = 4;
    private static final int TLS_CLIENT_HELLO = 1;
    private static final int TLS_SERVER_HELLO = 2;

    private final QuicSink sink;
    private final InitialCrypto engines;
    private final QuicStats stats = new QuicStats();
    private final Map<Direction, Side> sides = new EnumMap<>(Direction.class);
    private byte[] originalDcid;

    /** The Initial state of one direction. */
    private static final class Side {
        final CryptoReassembler crypto;
        final Map<QuicVersion, QuicInitialKeys> keys = new EnumMap<>(QuicVersion.class);
        long largestPacketNumber = -1;
        boolean helloDone;
        boolean tooLongReported;
        boolean sawCrypto;

        Side(ParserMemory memory) {
            crypto = new CryptoReassembler(memory);
        }
    }

    /** A parser with its own share of what the heap affords (tests, tools). */
    public QuicInitialParser(QuicSink sink) {
        this(sink, ParserMemory.forHeap());
    }

    /** @param memory what the parsers of all flows hold together: this parser's worker's share */
    public QuicInitialParser(QuicSink sink, ParserMemory memory) {
        this(sink, memory, new InitialCrypto());
    }

    /**
     * @param memory what the parsers of all flows hold together: this parser's worker's share
     * @param engines the engines of this parser's worker, used by one parser at a time
     */
    public QuicInitialParser(QuicSink sink, ParserMemory memory, InitialCrypto engines) {
        this.sink = sink;
        this.engines = engines;
        for (Direction d : Direction.values()) {
            sides.put(d, new Side(memory));
        }
    }

    /** The counts so far. */
    public QuicStats stats() {
        return stats;
    }

    /** One UDP datagram of {@code direction}. */
    public void datagram(Direction direction, StreamChunk chunk) {
        try {
            parseDatagram(direction, chunk);
        } catch (RuntimeException e) {
            // safety net only: the parsers check bounds and should never get here
            anomaly(QuicAnomalies.PARSER_ERROR);
        }
    }

    /** The flow ended: a client CRYPTO stream that never completed its ClientHello is reported. */
    public void end() {
        Side client = sides.get(Direction.OUTBOUND);
        if (client.sawCrypto && !client.helloDone) {
            anomaly(QuicAnomalies.CRYPTO_INCOMPLETE);
        }
        drop();
    }

    /** Gives back the room of the CRYPTO streams held: the flow ended, or its parsing stopped. */
    public void drop() {
        for (Side s : sides.values()) {
            s.crypto.reset();
        }
    }

    /**
     * Recognition by content: a long header (long header and fixed bits set) of a known version and of type
     * Initial, with connection ids of legal length and a Length that fits the bytes and leaves room for the
     * header-protection sample.
     */
    public static boolean looksLikeQuicInitial(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < 1 || off > b.length - len) {
            return false;
        }
        LongHeader h = LongHeader.parse(b, off, off + len, new LongHeader.Problem[1]);
        return h != null && h.version() != null && h.type() == QuicVersion.PacketType.INITIAL
                && InitialPacketOpener.longEnough(h.pnOffset(), h.end());
    }

    private void parseDatagram(Direction direction, StreamChunk chunk) {
        byte[] data = chunk.data();
        int pos = chunk.offset();
        int end = chunk.offset() + chunk.length();
        if (data == null || pos < 0 || chunk.length() < 0 || pos > data.length - chunk.length()) {
            return;
        }
        LongHeader.Problem[] problem = new LongHeader.Problem[1];
        while (pos < end) {
            if ((data[pos] & 0x80) == 0) {
                if (!allZero(data, pos, end)) {
                    stats.packets().increment(QuicStats.ONE_RTT);
                }
                return;
            }
            LongHeader h = LongHeader.parse(data, pos, end, problem);
            if (h == null) {
                anomaly(problem[0] == LongHeader.Problem.TRUNCATED
                        ? QuicAnomalies.PACKET_TRUNCATED : QuicAnomalies.HEADER_INVALID);
                return;
            }
            if (h.version() == null) {
                stats.packets().increment(h.versionWire() == 0
                        ? QuicStats.VERSION_NEGOTIATION : QuicStats.UNKNOWN_VERSION);
                return;
            }
            switch (h.type()) {
                case RETRY -> {
                    stats.packets().increment(QuicStats.RETRY);
                    retry();
                    return;
                }
                case ZERO_RTT -> stats.packets().increment(QuicStats.ZERO_RTT);
                case HANDSHAKE -> stats.packets().increment(QuicStats.HANDSHAKE);
                case INITIAL -> {
                    stats.packets().increment(QuicStats.INITIAL);
                    initial(direction, h, data, chunk);
                }
            }
            pos = h.end();
        }
    }

    private void initial(Direction direction, LongHeader h, byte[] data, StreamChunk chunk) {
        Side side = sides.get(direction);
        if (side.helloDone) {
            return;
        }
        boolean client = direction == Direction.OUTBOUND;
        if (client && originalDcid == null) {
            originalDcid = h.dcid();
        } else if (originalDcid == null) {
            stats.packets().increment(QuicStats.INITIAL_NO_KEYS);
            return;
        }
        InitialPacketOpener.Failure[] failure = new InitialPacketOpener.Failure[1];
        InitialPacketOpener.Opened opened = InitialPacketOpener.open(engines, keys(side, client, h.version()), data,
                h.start(), h.pnOffset(), h.end(), side.largestPacketNumber, failure);
        if (opened == null && failure[0] == InitialPacketOpener.Failure.BAD_TAG && client
                && !Arrays.equals(h.dcid(), originalDcid)) {
            QuicInitialKeys fresh = QuicInitialKeys.client(h.version(), h.dcid(), engines);
            opened = InitialPacketOpener.open(engines, fresh, data, h.start(), h.pnOffset(), h.end(),
                    side.largestPacketNumber, failure);
            if (opened != null) {
                originalDcid = h.dcid();
                sides.values().forEach(s -> s.keys.clear());
            }
        }
        if (opened == null) {
            anomaly(failure[0] == InitialPacketOpener.Failure.TOO_SHORT
                    ? QuicAnomalies.PACKET_TRUNCATED : QuicAnomalies.DECRYPTION_FAILED);
            return;
        }
        stats.packets().increment(QuicStats.INITIAL_DECRYPTED);
        side.largestPacketNumber = Math.max(side.largestPacketNumber, opened.packetNumber());
        InitialFrames.Outcome outcome = InitialFrames.walk(opened.payload(), (offset, bytes, at, length) -> {
            side.sawCrypto = true;
            if (side.helloDone) {
                return; // read already (or given up): what comes after is not held
            }
            if (!side.crypto.add(offset, bytes, at, length) && !side.tooLongReported) {
                side.tooLongReported = true;
                if (side.crypto.memoryFull()) {
                    side.helloDone = true; // given up: its room is given back below
                    anomaly(QuicAnomalies.MEMORY_FULL);
                } else {
                    anomaly(QuicAnomalies.CRYPTO_TOO_LONG);
                }
            }
        });
        if (outcome == InitialFrames.Outcome.UNEXPECTED_FRAME) {
            anomaly(QuicAnomalies.FRAME_UNEXPECTED);
        } else if (outcome == InitialFrames.Outcome.MALFORMED) {
            anomaly(QuicAnomalies.FRAME_MALFORMED);
        }
        if (!side.helloDone) {
            hello(side, client, chunk);
        }
        if (side.helloDone) {
            side.crypto.reset(); // the hello was read or will not be: its room is not kept
        }
    }

    private QuicInitialKeys keys(Side side, boolean client, QuicVersion version) {
        return side.keys.computeIfAbsent(version, v -> client
                ? QuicInitialKeys.client(v, originalDcid, engines) : QuicInitialKeys.server(v, originalDcid, engines));
    }

    /** Reports the hello once the CRYPTO stream holds all of it. */
    private void hello(Side side, boolean client, StreamChunk chunk) {
        int have = side.crypto.contiguous();
        if (have < HANDSHAKE_HEADER_LENGTH) {
            return;
        }
        byte[] b = side.crypto.buffer();
        int type = b[0] & 0xff;
        int length = ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (type != (client ? TLS_CLIENT_HELLO : TLS_SERVER_HELLO)) {
            side.helloDone = true;
            anomaly(QuicAnomalies.CRYPTO_NOT_HELLO);
            return;
        }
        if (length > QuicLimits.MAX_CRYPTO_STREAM - HANDSHAKE_HEADER_LENGTH) {
            side.helloDone = true;
            anomaly(QuicAnomalies.CRYPTO_TOO_LONG);
            return;
        }
        if (have < HANDSHAKE_HEADER_LENGTH + length) {
            return;
        }
        side.helloDone = true;
        if (client) {
            ClientHello ch = ClientHelloParser.parse(b, HANDSHAKE_HEADER_LENGTH, length, this::anomaly);
            if (ch != null) {
                sink.clientHello(ch, chunk.frameNumber(), chunk.timestampNanos());
            }
        } else {
            ServerHello sh = ServerHelloParser.parse(b, HANDSHAKE_HEADER_LENGTH, length, this::anomaly);
            if (sh != null) {
                sink.serverHello(sh, chunk.frameNumber(), chunk.timestampNanos());
            }
        }
    }

    /** A Retry: the client's next Initial uses a new DCID (and new keys) and resends its CRYPTO stream. */
    private void retry() {
        originalDcid = null;
        for (Side s : sides.values()) {
            s.keys.clear();
            if (!s.helloDone) {
                s.crypto.reset();
            }
        }
    }

    private void anomaly(String name) {
        stats.anomalies().increment(name);
        sink.anomaly(name);
    }

    private static boolean allZero(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
