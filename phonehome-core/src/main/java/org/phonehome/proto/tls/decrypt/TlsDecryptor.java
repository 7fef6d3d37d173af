package org.phonehome.proto.tls.decrypt;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;
import org.phonehome.proto.tls.TlsConstants;
import org.phonehome.proto.tls.TlsExtension;

/**
 * Decrypts the TLS records of one TCP flow with secrets from a {@link KeyLog}, and hands verified application data
 * to a {@link DecryptSink} as in-order {@link StreamChunk}s per direction. Never throws from its feeding methods.
 *
 * <p>Feed it the hellos ({@link #clientHello}, {@link #serverHello}: it learns the randoms, version, suite and
 * extensions) and the records of both directions in stream order, either framed ({@link #record}) or as raw stream
 * bytes ({@link #data}, framed here). The hellos must arrive before the first encrypted record of the session:
 * feed each chunk to the {@code TlsParser} first, then to this class.
 *
 * <p>TLS 1.3 (RFC 8446): handshake records under the *_HANDSHAKE_TRAFFIC_SECRET, application records under
 * *_TRAFFIC_SECRET_0 after that direction's Finished, KeyUpdate, 0-RTT under CLIENT_EARLY_TRAFFIC_SECRET until
 * EndOfEarlyData (or, when the server rejected early data, until a record opens under the handshake key);
 * middlebox-compatibility ChangeCipherSpec records are skipped; HelloRetryRequest waits for the real ServerHello.
 * TLS 1.0-1.2: the key block from the master secret (CLIENT_RANDOM line), sequence numbers from 0 after each
 * direction's ChangeCipherSpec; resumption needs nothing more, as the key log line names the resuming hello's
 * random.
 *
 * <p>Every record's tag (or MAC and padding) is verified; a failure is counted as {@code tls_decrypt_failed} and
 * nothing of that record is passed on. Records without keys are counted as {@code tls_no_keys}.
 */
public final class TlsDecryptor {
    private static final int EXT_ENCRYPT_THEN_MAC = 22;
    private static final int EXT_EARLY_DATA = 42;
    private static final int HS_END_OF_EARLY_DATA = 5;
    private static final int HS_FINISHED = 20;
    private static final int HS_KEY_UPDATE = 24;
    private static final int ALERT_LENGTH = 2;
    private static final int SSL3 = 0x0300;

    private enum Epoch { CLEAR, EARLY, HANDSHAKE, APPLICATION }

    private final KeyLog keys;
    private final DecryptSink sink;
    private final DecryptStats stats = new DecryptStats();
    private final Map<Direction, Side> sides = new EnumMap<>(Direction.class);
    private final ArrayDeque<Pending> pendingEarly = new ArrayDeque<>();
    private int pendingEarlyBytes;

    private Direction clientDirection = Direction.OUTBOUND;
    private boolean clientDirectionKnown;
    private byte[] clientRandom;
    private boolean offeredEarlyData;
    private ServerHello serverHello;
    private CipherSuite suite;
    private SessionSecrets secrets;
    private boolean unsupported;

    public TlsDecryptor(KeyLog keys, DecryptSink sink) {
        this.keys = keys;
        this.sink = sink;
        for (Direction d : Direction.values()) {
            Side side = new Side(d);
            sides.put(d, side);
        }
    }

    /** The counts so far. */
    public DecryptStats stats() {
        return stats;
    }

    /** The negotiated suite when we support it, else null. */
    public CipherSuite suite() {
        return suite;
    }

    /** Whether the key log has secrets for this session (known once the ServerHello was seen). */
    public boolean hasKeys() {
        return secrets != null;
    }

    /** The flow's ClientHello (from {@code TlsSink.clientHello}). */
    public void clientHello(ClientHello ch) {
        clientRandom = ch.random();
        offeredEarlyData = ch.extensionTypes().contains(EXT_EARLY_DATA);
    }

    /** The flow's ServerHello (from {@code TlsSink.serverHello}); a HelloRetryRequest is ignored. */
    public void serverHello(ServerHello sh) {
        if (sh.helloRetryRequest() || serverHello != null) {
            return; // the real ServerHello follows an HRR; a second one on one flow is not TLS
        }
        serverHello = sh;
        suite = CipherSuite.of(sh.cipherSuite());
        boolean tls13 = sh.isTls13();
        if (suite == null || suite.tls13() != tls13 || (!tls13 && sh.version() <= SSL3)) {
            suite = null;
            unsupported = true;
            anomaly(DecryptAnomalies.UNSUPPORTED_SUITE);
        } else {
            secrets = keys.lookup(clientRandom);
        }
        if (tls13) {
            startTls13();
        }
        while (!pendingEarly.isEmpty()) {
            Pending p = pendingEarly.poll();
            record(p.direction, p.type, p.version, p.body, p.frameNumber, p.timeNanos);
        }
        pendingEarlyBytes = 0;
    }

    /** The next stream bytes of {@code direction}; records are framed here and fed to {@link #record}. */
    public void data(Direction direction, StreamChunk chunk) {
        Side side = sides.get(direction);
        if (side.stopped || chunk.length() <= 0) {
            return;
        }
        try {
            side.framer.feed(chunk);
        } catch (RuntimeException e) {
            side.stopped = true; // safety net only: the framer and ciphers check bounds
            anomaly(DecryptAnomalies.INTERNAL_ERROR);
        }
    }

    /** The reassembler lost bytes of {@code direction}: record boundaries and sequence numbers are lost there. */
    public void gap(Direction direction, long offset, long length) {
        Side side = sides.get(direction);
        if (!side.stopped) {
            side.stopped = true;
            side.framer.stop();
            anomaly(DecryptAnomalies.GAP);
        }
    }

    /** The flow ended. */
    public void end() {
        for (Side side : sides.values()) {
            if (side.framer.midRecord()) {
                anomaly(DecryptAnomalies.TRUNCATED);
            }
            side.framer.stop();
            side.stopped = true;
        }
        for (Pending p : pendingEarly) {
            noKeys(sides.get(p.direction));
        }
        pendingEarly.clear();
    }

    /**
     * One framed record of {@code direction}.
     *
     * @param contentType the header's content type (20..24)
     * @param version     the header's version
     * @param payload     the record body (kept only while needed)
     */
    public void record(Direction direction, int contentType, int version, byte[] payload, long frameNumber,
                       long timeNanos) {
        Side side = sides.get(direction);
        if (side.stopped) {
            return;
        }
        if (payload.length > DecryptLimits.MAX_RECORD_LENGTH) {
            side.stopped = true;
            side.framer.stop();
            anomaly(DecryptAnomalies.RECORD_TOO_LONG);
            return;
        }
        try {
            dispatch(side, contentType, version, payload, frameNumber, timeNanos);
        } catch (RuntimeException e) {
            side.stopped = true; // safety net only
            anomaly(DecryptAnomalies.INTERNAL_ERROR);
        }
    }

    private void dispatch(Side side, int type, int version, byte[] payload, long frame, long time) {
        if (serverHello == null) {
            beforeServerHello(side, type, version, payload, frame, time);
        } else if (serverHello.isTls13()) {
            tls13Record(side, type, version, payload, frame, time);
        } else {
            tls12Record(side, type, version, payload, frame, time);
        }
    }

    private void beforeServerHello(Side side, int type, int version, byte[] payload, long frame, long time) {
        if (!clientDirectionKnown && type == TlsConstants.CONTENT_HANDSHAKE && payload.length > 0
                && payload[0] == TlsConstants.HS_CLIENT_HELLO) {
            clientDirection = side.direction;
            clientDirectionKnown = true;
        }
        if (type != TlsConstants.CONTENT_APPLICATION_DATA) {
            return; // clear handshake, or a middlebox-compatibility ChangeCipherSpec
        }
        // 0-RTT data sent before the ServerHello named the suite: hold it, bounded
        if (pendingEarlyBytes + payload.length > DecryptLimits.MAX_PENDING_EARLY_BYTES) {
            anomaly(DecryptAnomalies.EARLY_DATA_DROPPED);
            noKeys(side);
            return;
        }
        pendingEarlyBytes += payload.length;
        pendingEarly.add(new Pending(side.direction, type, version, payload, frame, time));
    }

    // ---------------------------------------------------------------------------------------------- TLS 1.3

    private void startTls13() {
        Side client = sides.get(clientDirection);
        Side server = sides.get(clientDirection.reverse());
        if (suite == null || secrets == null) {
            return;
        }
        server.handshakeCipher = cipher(KeyLogLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET);
        server.applicationCipher = cipher(KeyLogLabel.SERVER_TRAFFIC_SECRET_0);
        client.handshakeCipher = cipher(KeyLogLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET);
        client.applicationCipher = cipher(KeyLogLabel.CLIENT_TRAFFIC_SECRET_0);
        server.enter(Epoch.HANDSHAKE, server.handshakeCipher);
        Tls13RecordCipher early = offeredEarlyData ? cipher(KeyLogLabel.CLIENT_EARLY_TRAFFIC_SECRET) : null;
        if (early != null) {
            client.enter(Epoch.EARLY, early);
        } else {
            client.enter(Epoch.HANDSHAKE, client.handshakeCipher);
        }
    }

    private Tls13RecordCipher cipher(KeyLogLabel label) {
        byte[] secret = secrets.get(label);
        if (secret == null || secret.length != suite.hashLength()) {
            return null;
        }
        return new Tls13RecordCipher(suite, secret);
    }

    private void tls13Record(Side side, int type, int version, byte[] payload, long frame, long time) {
        if (type != TlsConstants.CONTENT_APPLICATION_DATA) {
            return; // clear ServerHello, middlebox-compatibility ChangeCipherSpec, or a clear alert
        }
        if (suite == null || secrets == null) {
            noKeys(side);
            return;
        }
        Opened o = open13(side, type, version, payload);
        if (o != null) {
            stats.of(side.direction).openedRecordBytes += payload.length;
            opened(side, o, frame, time);
        }
    }

    /** Opens under the current key, else under the next epoch's key where the stream may have moved on. */
    private Opened open13(Side side, int type, int version, byte[] payload) {
        if (side.current != null) {
            Opened o = side.current.open(type, version, payload, side.seq);
            if (o != null) {
                side.seq++;
                return o;
            }
        }
        // rejected 0-RTT: the client went straight to its handshake key without EndOfEarlyData
        if (side.epoch == Epoch.EARLY && side.handshakeCipher != null) {
            Opened o = side.handshakeCipher.open(type, version, payload, 0);
            if (o != null) {
                side.enter(Epoch.HANDSHAKE, side.handshakeCipher);
                side.seq = 1;
                return o;
            }
        }
        // no handshake secret in the log, but the application one: find where the application epoch starts
        if ((side.epoch == Epoch.HANDSHAKE || side.epoch == Epoch.EARLY) && side.handshakeCipher == null
                && side.applicationCipher != null) {
            Opened o = side.applicationCipher.open(type, version, payload, 0);
            if (o != null) {
                side.enter(Epoch.APPLICATION, side.applicationCipher);
                side.seq = 1;
                return o;
            }
            noKeys(side);
            return null;
        }
        if (side.current == null) {
            noKeys(side);
        } else {
            side.seq++; // the record took a sequence number even though it did not verify
            failed(side);
        }
        return null;
    }

    private void tls13Handshake(Side side, int msgType) {
        if (msgType == HS_FINISHED && side.epoch == Epoch.HANDSHAKE) {
            side.enter(Epoch.APPLICATION, side.applicationCipher);
        } else if (msgType == HS_END_OF_EARLY_DATA && side.epoch == Epoch.EARLY) {
            side.enter(Epoch.HANDSHAKE, side.handshakeCipher);
        } else if (msgType == HS_KEY_UPDATE && side.epoch == Epoch.APPLICATION && side.current instanceof
                Tls13RecordCipher c) {
            side.enter(Epoch.APPLICATION, c.next());
        }
    }

    // ---------------------------------------------------------------------------------------------- TLS 1.2

    private void tls12Record(Side side, int type, int version, byte[] payload, long frame, long time) {
        if (type == TlsConstants.CONTENT_CHANGE_CIPHER_SPEC) {
            side.enter(Epoch.APPLICATION, tls12Cipher(side.direction == clientDirection));
            side.encrypted = true;
            return;
        }
        if (!side.encrypted) {
            return; // clear handshake before this direction's ChangeCipherSpec
        }
        if (side.current == null) {
            noKeys(side);
            return;
        }
        Opened o = side.current.open(type, version, payload, side.seq++);
        if (o == null) {
            failed(side);
            return;
        }
        if (type == TlsConstants.CONTENT_APPLICATION_DATA) {
            stats.of(side.direction).openedRecordBytes += payload.length;
        }
        opened(side, o, frame, time);
    }

    private RecordOpener tls12Cipher(boolean client) {
        if (suite == null || secrets == null || !secrets.has(KeyLogLabel.CLIENT_RANDOM)) {
            return null;
        }
        boolean etm = serverHello.extensions().stream().map(TlsExtension::type)
                .anyMatch(t -> t == EXT_ENCRYPT_THEN_MAC);
        Tls12KeyBlock block = Tls12KeyBlock.derive(suite, serverHello.version(),
                secrets.get(KeyLogLabel.CLIENT_RANDOM), clientRandom, serverHello.random());
        return new Tls12RecordCipher(suite, block, client, serverHello.version(), etm);
    }

    // ---------------------------------------------------------------------------------------------- common

    private void opened(Side side, Opened o, long frame, long time) {
        DecryptStats.DirectionStats ds = stats.of(side.direction);
        ds.recordsDecrypted++;
        ds.bytesDecrypted += o.plaintext().length;
        switch (o.contentType()) {
            case TlsConstants.CONTENT_APPLICATION_DATA -> {
                byte[] p = o.plaintext();
                if (p.length > 0) {
                    ds.applicationBytes += p.length;
                    sink.plaintext(side.direction, new StreamChunk(p, 0, p.length, side.plainOffset, frame, time));
                    side.plainOffset += p.length;
                }
            }
            case TlsConstants.CONTENT_HANDSHAKE -> {
                boolean ok = side.handshake.feed(o.plaintext(), (t, body) -> {
                    sink.handshake(side.direction, t, body, frame, time);
                    if (serverHello.isTls13()) {
                        tls13Handshake(side, t);
                    }
                });
                if (!ok) {
                    side.stopped = true;
                    side.framer.stop();
                    anomaly(DecryptAnomalies.HANDSHAKE_TOO_LONG);
                }
            }
            case TlsConstants.CONTENT_ALERT -> {
                byte[] p = o.plaintext();
                if (p.length >= ALERT_LENGTH) {
                    sink.alert(side.direction, p[0] & 0xff, p[1] & 0xff, frame, time);
                }
            }
            default -> {
                // heartbeat or an unknown inner type: verified, counted, not passed on
            }
        }
    }

    private void noKeys(Side side) {
        stats.of(side.direction).recordsWithoutKeys++;
        anomaly(unsupported ? DecryptAnomalies.UNSUPPORTED_SUITE : DecryptAnomalies.NO_KEYS);
    }

    private void failed(Side side) {
        stats.of(side.direction).recordsFailed++;
        anomaly(DecryptAnomalies.DECRYPT_FAILED);
    }

    private void anomaly(String name) {
        stats.anomalies().increment(name);
        sink.anomaly(name);
    }

    /** A 0-RTT record held until the ServerHello. */
    private record Pending(Direction direction, int type, int version, byte[] body, long frameNumber,
                           long timeNanos) {
    }

    /** The decryption state of one direction. */
    private final class Side implements RecordFramer.Handler {
        final Direction direction;
        final RecordFramer framer = new RecordFramer(this);
        final HandshakeBuffer handshake = new HandshakeBuffer();
        Epoch epoch = Epoch.CLEAR;
        RecordOpener current;
        Tls13RecordCipher handshakeCipher;
        Tls13RecordCipher applicationCipher;
        long seq;
        long plainOffset;
        boolean encrypted;
        boolean stopped;

        Side(Direction direction) {
            this.direction = direction;
        }

        void enter(Epoch next, RecordOpener opener) {
            epoch = next;
            current = opener;
            seq = 0;
        }

        @Override
        public void record(int contentType, int version, byte[] body, long frameNumber, long timeNanos) {
            TlsDecryptor.this.record(direction, contentType, version, body, frameNumber, timeNanos);
        }

        @Override
        public void anomaly(String name) {
            stopped = true;
            TlsDecryptor.this.anomaly(name);
        }
    }
}
