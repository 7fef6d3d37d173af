package org.phonehome.proto.tls;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;

/**
 * Parses the TLS of one TCP flow, fed both directions in stream order, and reports hellos, clear-text certificates
 * and anomalies to a {@link TlsSink}. Never throws from {@link #data}, {@link #gap} or {@link #end}.
 *
 * <p>Per direction: records are framed ({@link TlsLimits#MAX_RECORD_LENGTH}), handshake messages reassembled
 * across records and segments ({@link TlsLimits#MAX_HANDSHAKE_MESSAGE}). Once a direction is encrypted (after a
 * TLS 1.2 ChangeCipherSpec, or for both directions after a TLS 1.3 ServerHello) its records are only counted in
 * {@link TlsStats}. A gap or a broken record header stops that direction.
 *
 * <p>ChangeCipherSpec only means "encrypted from here" once a TLS 1.2-or-older ServerHello was seen: TLS 1.3's
 * middlebox-compatibility CCS (RFC 8446 appendix D.4) may precede a second ClientHello or follow a
 * HelloRetryRequest, both still in clear.
 */
public final class TlsParser {
    private final TlsSink sink;
    private final TlsStats stats = new TlsStats();
    private final Map<Direction, TlsRecordStream> streams = new EnumMap<>(Direction.class);
    private ServerHello lastServerHello;
    private long frameNumber;
    private long timeNanos;

    /** A parser with its own share of what the heap affords (tests, tools). */
    public TlsParser(TlsSink sink) {
        this(sink, ParserMemory.forHeap());
    }

    /** @param memory what the parsers of all flows hold together: this parser's worker's share */
    public TlsParser(TlsSink sink, ParserMemory memory) {
        this.sink = sink;
        for (Direction d : Direction.values()) {
            streams.put(d, new TlsRecordStream(new Events(d), stats.of(d), memory));
        }
    }

    /** Parsing of this flow stops: the room of messages under way is given back, unreported. */
    public void drop() {
        for (TlsRecordStream stream : streams.values()) {
            stream.stop();
        }
    }

    /** The counts so far. */
    public TlsStats stats() {
        return stats;
    }

    /** The next bytes of {@code direction}, in stream order. */
    public void data(Direction direction, StreamChunk chunk) {
        TlsRecordStream stream = streams.get(direction);
        if (stream.stopped() || chunk.length() <= 0) {
            return;
        }
        frameNumber = chunk.frameNumber();
        timeNanos = chunk.timestampNanos();
        try {
            stream.feed(chunk.data(), chunk.offset(), chunk.length());
        } catch (RuntimeException e) {
            // safety net only: the parsers check bounds and should never get here
            stream.stop();
            anomaly(TlsAnomalies.PARSER_ERROR);
        }
    }

    /** The reassembler lost {@code length} bytes at {@code offset} of {@code direction}: that direction stops. */
    public void gap(Direction direction, long offset, long length) {
        TlsRecordStream stream = streams.get(direction);
        if (!stream.stopped()) {
            stream.stop();
            anomaly(TlsAnomalies.GAP);
        }
    }

    /** The flow ended. */
    public void end() {
        for (TlsRecordStream stream : streams.values()) {
            if (!stream.encrypted() && stream.midMessage()) {
                anomaly(TlsAnomalies.TRUNCATED);
            }
            stream.stop();
        }
    }

    /**
     * Recognition by content: a handshake record header (0x16 0x03 0x00..0x04, a length from 1 to
     * {@link TlsLimits#MAX_RECORD_LENGTH}) followed by a ClientHello or ServerHello message type.
     */
    public static boolean looksLikeTls(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < 6 || off > b.length - len) {
            return false;
        }
        int recordLength = ((b[off + 3] & 0xff) << 8) | (b[off + 4] & 0xff);
        int type = b[off + 5] & 0xff;
        return (b[off] & 0xff) == TlsConstants.CONTENT_HANDSHAKE && b[off + 1] == 3 && (b[off + 2] & 0xff) <= 4
                && recordLength >= 1 && recordLength <= TlsLimits.MAX_RECORD_LENGTH
                && (type == TlsConstants.HS_CLIENT_HELLO || type == TlsConstants.HS_SERVER_HELLO);
    }

    private void anomaly(String name) {
        stats.anomalies().increment(name);
        sink.anomaly(name);
    }

    private void handshakeMessage(Direction from, int type, byte[] body, int length) {
        switch (type) {
            case TlsConstants.HS_CLIENT_HELLO -> {
                ClientHello ch = ClientHelloParser.parse(body, 0, length, this::anomaly);
                if (ch != null) {
                    sink.clientHello(ch, frameNumber, timeNanos);
                }
            }
            case TlsConstants.HS_SERVER_HELLO -> {
                ServerHello sh = ServerHelloParser.parse(body, 0, length, this::anomaly);
                if (sh != null) {
                    lastServerHello = sh;
                    sink.serverHello(sh, frameNumber, timeNanos);
                    if (sh.isTls13() && !sh.helloRetryRequest()) {
                        streams.values().forEach(TlsRecordStream::encrypt);
                    }
                }
            }
            case TlsConstants.HS_CERTIFICATE -> {
                List<CertificateInfo> chain = CertificateParser.parse(body, 0, length, this::anomaly);
                if (!chain.isEmpty()) {
                    sink.certificates(chain, frameNumber, timeNanos);
                }
            }
            default -> {
                // other handshake messages carry nothing we report
            }
        }
    }

    private void changeCipherSpec(Direction from) {
        if (lastServerHello != null && !lastServerHello.helloRetryRequest() && !lastServerHello.isTls13()) {
            streams.get(from).encrypt();
        }
    }

    /** Binds the record layer of one direction to this parser. */
    private final class Events implements TlsRecordStream.Events {
        private final Direction direction;

        Events(Direction direction) {
            this.direction = direction;
        }

        @Override
        public void handshakeMessage(int type, byte[] body, int length) {
            TlsParser.this.handshakeMessage(direction, type, body, length);
        }

        @Override
        public void changeCipherSpec() {
            TlsParser.this.changeCipherSpec(direction);
        }

        @Override
        public void anomaly(String name) {
            TlsParser.this.anomaly(name);
        }
    }
}
