package org.phonehome.proto.quic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.tls.ClientHelloBuilder;
import org.phonehome.proto.tls.TlsBytes;

/** Seeded fuzzing of datagrams and decrypted frames: nothing escapes and no internal error is counted. */
class QuicInitialParserFuzzTest {
    private static final long SEED = 0x71756963L;
    private static final int ROUNDS = 10_000;

    private static byte[] mutateHeader(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = rnd.nextInt(Math.min(b.length, 30));     // the clear header, where the parsing happens
            b[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (b[at] ^ (1 << rnd.nextInt(8)));
        }
        if (rnd.nextInt(4) == 0) {
            b = Arrays.copyOf(b, rnd.nextInt(b.length));
        }
        return b;
    }

    @Test
    void mutatedAndRandomDatagramsNeverThrow() {
        Random rnd = new Random(SEED);
        byte[][] seeds = {RfcVectors.V1_CLIENT_INITIAL, RfcVectors.V2_CLIENT_INITIAL, RfcVectors.V1_SERVER_INITIAL,
            RfcVectors.V2_SERVER_INITIAL, RfcVectors.V1_RETRY};
        for (int round = 0; round < ROUNDS; round++) {
            RecordingQuicSink sink = new RecordingQuicSink();
            QuicInitialParser parser = new QuicInitialParser(sink);
            for (int k = 0; k < 3; k++) {
                byte[] d;
                switch (rnd.nextInt(3)) {
                    case 0 -> d = mutateHeader(seeds[rnd.nextInt(seeds.length)], rnd);
                    case 1 -> {
                        d = new byte[rnd.nextInt(1300)];
                        rnd.nextBytes(d);
                        if (d.length > 0) {
                            d[0] |= (byte) 0xc0;                             // long header, fixed bit
                        }
                    }
                    default -> d = TlsBytes.concat(seeds[rnd.nextInt(4)], mutateHeader(seeds[rnd.nextInt(4)], rnd));
                }
                Direction dir = rnd.nextBoolean() ? Direction.OUTBOUND : Direction.INBOUND;
                parser.datagram(dir, new StreamChunk(d, 0, d.length, 0, round, round));
                QuicInitialParser.looksLikeQuicInitial(d, 0, d.length);
            }
            parser.end();
            assertThat(parser.stats().anomalies().get(QuicAnomalies.PARSER_ERROR)).as("round %d", round).isZero();
        }
    }

    /** Validly protected Initials with mutated frames and CRYPTO streams: exercises everything after decryption. */
    @Test
    void mutatedFramesInsideValidPacketsNeverThrow() throws Exception {
        Random rnd = new Random(SEED + 1);
        byte[] dcid = RfcVectors.DCID;
        QuicInitialKeys keys = QuicInitialKeys.client(QuicVersion.V1, dcid);
        byte[] hs = new ClientHelloBuilder().sni("fuzz.example").alpn("h3").supportedVersions(0x0304).handshake();
        byte[] frames = TlsBytes.concat(InitialPacketSealer.cryptoFrame(0, hs, 0, hs.length),
                TlsBytes.hex("02 05 00 01 00 00 02"), TlsBytes.hex("1c 00 00 00"));    // ACK with a range; CLOSE
        long emitted = 0;
        for (int round = 0; round < 2_000; round++) {
            byte[] f = frames.clone();
            for (int e = 0; e < 1 + rnd.nextInt(4); e++) {
                f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
            }
            RecordingQuicSink sink = new RecordingQuicSink();
            QuicInitialParser parser = new QuicInitialParser(sink);
            byte[] packet = InitialPacketSealer.seal(QuicVersion.V1, keys, dcid, new byte[0], round,
                    Arrays.copyOf(f, Math.max(f.length, 100)));
            parser.datagram(Direction.OUTBOUND, new StreamChunk(packet, 0, packet.length, 0, 1, 1));
            parser.end();
            emitted += sink.clientHellos.size();
            assertThat(parser.stats().anomalies().get(QuicAnomalies.PARSER_ERROR)).as("round %d", round).isZero();
        }
        assertThat(emitted).isPositive();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] payload = new byte[rnd.nextInt(200)];
            rnd.nextBytes(payload);
            InitialFrames.walk(payload, (offset, data, at, length) -> new CryptoReassembler(new ParserMemory(1 << 20)).add(offset, data, at,
                    length));
        }
    }
}
