package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;
import org.phonehome.proto.tls.TlsExtension;
import org.phonehome.proto.tls.decrypt.CipherSuite;
import org.phonehome.proto.tls.decrypt.DecryptAnomalies;
import org.phonehome.proto.tls.decrypt.DecryptSink;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.proto.tls.decrypt.TestSeal;
import org.phonehome.proto.tls.decrypt.Tls12KeyBlock;
import org.phonehome.proto.tls.decrypt.TlsDecryptor;
import org.phonehome.proto.tls.decrypt.TlsHkdf;

/**
 * TLS record decryption with a fixed, known key log: the fuzzer picks a session (TLS 1.3 with AES-128-GCM,
 * ChaCha20 and 0-RTT, AES-256-GCM; TLS 1.2 with AES-GCM, ChaCha20, CBC in TLS 1.1, CBC with encrypt-then-MAC; one
 * whose keys the log lacks) and writes a script of records that this harness seals with the session's real keys,
 * so the decryptor's state machine (epochs, Finished, EndOfEarlyData, KeyUpdate, ChangeCipherSpec, sequence numbers,
 * handshake reassembly, alerts) sees arbitrary sequences of records that verify, besides raw bytes that do not.
 *
 * <p>Input: byte 0 picks the session (bits 0-2) and whether the ServerHello waits for an op of kind 7 (bit 3); the
 * rest is a {@link FuzzScript}. Op code: bit 0 direction (1 = server to client); bits 1-3 kind: 0 a sealed record
 * (first byte: content type, the rest its content), 1 raw stream bytes, 2 a clear ChangeCipherSpec, 3 a gap, 4 the
 * end, 5 a record handed over framed (type, two version bytes, body), 6 a sealed record fed in two pieces, 7 the
 * ServerHello; for TLS 1.3 sealed records, bits 4-5 the key (0 early, 1 handshake, 2-3 application) and bits 6-7
 * the application key's generation (KeyUpdates since the first). Plaintext must come out in order; the decryptor's
 * safety net ({@code tls_decrypt_internal_error}) must never be used.
 */
class TlsDecryptFuzzTest {
    private static final byte[] CLIENT_RANDOM = filled(32, 0xc1);
    private static final byte[] UNKNOWN_RANDOM = filled(32, 0xc2);
    private static final byte[] SERVER_RANDOM = filled(32, 0x5e);
    private static final byte[] MASTER = filled(48, 0x66);
    private static final int TLS11 = 0x0302;
    private static final int TLS12 = 0x0303;
    private static final int TLS13 = 0x0304;
    private static final int EXT_EARLY_DATA = 42;
    private static final int EXT_ENCRYPT_THEN_MAC = 22;
    private static final byte[] CHANGE_CIPHER_SPEC = {20, 3, 3, 0, 1, 1};

    /** A session the fuzzer can pick. */
    private record Session(int suite, int version, boolean earlyData, boolean etm, boolean keysKnown) {
        boolean tls13() {
            return version == TLS13;
        }
    }

    private static final Session[] SESSIONS = {
        new Session(0x1301, TLS13, false, false, true),
        new Session(0x1303, TLS13, true, false, true),
        new Session(0x1302, TLS13, false, false, true),
        new Session(0xc02f, TLS12, false, false, true),
        new Session(0xcca8, TLS12, false, false, true),
        new Session(0xc013, TLS11, false, false, true),
        new Session(0xc027, TLS12, false, true, true),
        new Session(0x1301, TLS13, false, false, false),
    };

    /** The key log of each suite (its secrets are as long as its hash). */
    private static final Map<Integer, KeyLog> KEY_LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The TLS 1.3 secrets by key log label: one byte value repeated, as long as the suite's hash. */
    private static final Map<String, Integer> SECRETS = Map.of("CLIENT_EARLY_TRAFFIC_SECRET", 0x11,
            "CLIENT_HANDSHAKE_TRAFFIC_SECRET", 0x22, "SERVER_HANDSHAKE_TRAFFIC_SECRET", 0x33,
            "CLIENT_TRAFFIC_SECRET_0", 0x44, "SERVER_TRAFFIC_SECRET_0", 0x55);

    @FuzzTest
    void decryptsAnyRecordSequence(byte[] data) {
        int choice = data.length > 0 ? data[0] & 0xff : 0;
        Session session = SESSIONS[choice & 7];
        new Run(session).replay(Arrays.copyOfRange(data, Math.min(1, data.length), data.length), (choice & 8) != 0);
    }

    /** One fuzz input's decryptor, its sealing keys and its sequence numbers. */
    private static final class Run implements DecryptSink {
        private final Session session;
        private final CipherSuite suite;
        private final TlsDecryptor decryptor;
        private final Tls12KeyBlock keyBlock;
        private final Map<String, Long> sequence = new HashMap<>();
        private final Map<Direction, Long> offsets = new EnumMap<>(Direction.class);
        private final Map<Direction, Long> plainOffsets = new EnumMap<>(Direction.class);
        private final List<String> anomalies = new ArrayList<>();

        Run(Session session) {
            this.session = session;
            this.suite = CipherSuite.of(session.suite());
            this.decryptor = new TlsDecryptor(KEY_LOGS.computeIfAbsent(session.suite(), id -> keyLog(suite)), this);
            this.keyBlock = session.tls13() ? null
                    : Tls12KeyBlock.derive(suite, session.version(), MASTER, CLIENT_RANDOM, SERVER_RANDOM);
            for (Direction d : Direction.values()) {
                offsets.put(d, 0L);
                plainOffsets.put(d, 0L);
            }
        }

        void replay(byte[] script, boolean delayServerHello) {
            List<TlsExtension> clientExtensions = session.earlyData()
                    ? List.of(new TlsExtension(EXT_EARLY_DATA, new byte[0])) : List.of();
            decryptor.clientHello(new ClientHello(TLS12, session.keysKnown() ? CLIENT_RANDOM : UNKNOWN_RANDOM,
                    new byte[0], List.of(session.suite()), List.of(0), clientExtensions, null, List.of(),
                    session.tls13() ? List.of(TLS13) : List.of(), List.of(), List.of(), List.of()));
            if (!delayServerHello) {
                serverHello();
            }
            long frame = 0;
            for (FuzzScript.Op op : FuzzScript.parse(script)) {
                frame++;
                Direction d = (op.code() & 1) != 0 ? Direction.INBOUND : Direction.OUTBOUND;
                byte[] b = op.bytes();
                switch ((op.code() >>> 1) & 7) {
                    case 0 -> feed(d, seal(d, op.code(), b), frame);
                    case 1 -> feed(d, b, frame);
                    case 2 -> {
                        feed(d, CHANGE_CIPHER_SPEC, frame);
                        sequence.remove(d.name()); // TLS 1.2 numbers records from 0 after each ChangeCipherSpec
                    }
                    case 3 -> {
                        decryptor.gap(d, offsets.get(d), 1L + b.length);
                        offsets.merge(d, 1L + b.length, Long::sum);
                    }
                    case 4 -> decryptor.end();
                    case 5 -> decryptor.record(d, b.length > 0 ? b[0] & 0xff : 23,
                            b.length > 2 ? ((b[1] & 0xff) << 8) | (b[2] & 0xff) : TLS12,
                            Arrays.copyOfRange(b, Math.min(3, b.length), b.length), frame, frame);
                    case 6 -> {
                        byte[] record = seal(d, op.code(), b);
                        int half = record.length / 2;
                        feed(d, Arrays.copyOf(record, half), frame);
                        feed(d, Arrays.copyOfRange(record, half, record.length), frame);
                    }
                    default -> serverHello();
                }
            }
            decryptor.end();
            decryptor.stats().toString();
            assertThat(anomalies).as("decryptor safety net used").doesNotContain(DecryptAnomalies.INTERNAL_ERROR);
        }

        private void serverHello() {
            List<TlsExtension> extensions = session.etm()
                    ? List.of(new TlsExtension(EXT_ENCRYPT_THEN_MAC, new byte[0])) : List.of();
            decryptor.serverHello(new ServerHello(TLS12, session.version(), SERVER_RANDOM, new byte[0],
                    session.suite(), 0, extensions, null, false));
        }

        private void feed(Direction d, byte[] bytes, long frame) {
            if (bytes.length == 0) {
                return;
            }
            decryptor.data(d, new StreamChunk(bytes, 0, bytes.length, offsets.get(d), frame, frame));
            offsets.merge(d, (long) bytes.length, Long::sum);
        }

        /** The record the op describes, sealed under the key it names at that key's next sequence number. */
        private byte[] seal(Direction d, int code, byte[] b) {
            int type = b.length > 0 ? b[0] & 0xff : 23;
            byte[] content = Arrays.copyOfRange(b, Math.min(1, b.length), b.length);
            boolean client = d == Direction.OUTBOUND;
            if (!session.tls13()) {
                long seq = next(d.name());
                return TestSeal.seal12(suite, keyBlock, client, session.version(), session.etm(), seq, type, content);
            }
            int epoch = (code >>> 4) & 3;
            byte[] secret;
            String key;
            if (epoch == 0 && client) {
                secret = secret("CLIENT_EARLY_TRAFFIC_SECRET");
                key = "early";
            } else if (epoch <= 1) {
                secret = secret(client ? "CLIENT_HANDSHAKE_TRAFFIC_SECRET" : "SERVER_HANDSHAKE_TRAFFIC_SECRET");
                key = "handshake";
            } else {
                int generation = (code >>> 6) & 3;
                secret = secret(client ? "CLIENT_TRAFFIC_SECRET_0" : "SERVER_TRAFFIC_SECRET_0");
                for (int g = 0; g < generation; g++) {
                    secret = TlsHkdf.expandLabel(suite.prfHmac(), secret, "traffic upd", new byte[0],
                            suite.hashLength());
                }
                key = "application" + generation;
            }
            return TestSeal.seal13(suite, secret, next(d.name() + key), type, content);
        }

        private long next(String key) {
            long seq = sequence.getOrDefault(key, 0L);
            sequence.put(key, seq + 1);
            return seq;
        }

        private byte[] secret(String label) {
            return filled(suite.hashLength(), SECRETS.get(label));
        }

        @Override
        public void plaintext(Direction direction, StreamChunk chunk) {
            assertThat(chunk.streamOffset()).as("plaintext in order").isEqualTo(plainOffsets.get(direction));
            assertThat((long) chunk.offset() + chunk.length()).isLessThanOrEqualTo(chunk.data().length);
            plainOffsets.merge(direction, (long) chunk.length(), Long::sum);
        }

        @Override
        public void anomaly(String name) {
            anomalies.add(name);
        }
    }

    /** The key log: the TLS 1.2 master secret and the TLS 1.3 traffic secrets of {@link #CLIENT_RANDOM}. */
    private static KeyLog keyLog(CipherSuite suite) {
        HexFormat hex = HexFormat.of();
        StringBuilder log = new StringBuilder("CLIENT_RANDOM " + hex.formatHex(CLIENT_RANDOM) + " "
                + hex.formatHex(MASTER) + "\n");
        SECRETS.forEach((label, fill) -> log.append(label).append(' ').append(hex.formatHex(CLIENT_RANDOM))
                .append(' ').append(hex.formatHex(filled(suite.hashLength(), fill))).append('\n'));
        return KeyLog.parse(log.toString(), "fuzz.keys");
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
