package org.phonehome.proto.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.proto.tls.TlsBytes.concat;
import static org.phonehome.proto.tls.TlsBytes.handshake;
import static org.phonehome.proto.tls.TlsBytes.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/** Seeded mutation fuzzing: whatever the bytes and however they are cut, nothing escapes and no internal error. */
class TlsParserFuzzTest {
    private static final long SEED = 0x70686f6e65L;
    private static final int ROUNDS = 10_000;

    private static byte[] clientFlight() {
        return new ClientHelloBuilder().sni("fuzz.example").alpn("h2", "http/1.1").groups(0x0a0a, 0x001d)
                .signatureAlgorithms(0x0403).supportedVersions(0x0304, 0x0303).pointFormats(0).record();
    }

    private static byte[] serverFlight() {
        byte[] der = TlsParserTest.SELF_SIGNED_DER;
        byte[] cert = concat(new byte[] {0, (byte) (der.length >> 8), (byte) der.length}, der);
        byte[] sh = concat(TlsBytes.hex("0303"), new byte[32], TlsBytes.hex("00 c02f 00 0005 ff01 0001 00"));
        return concat(TlsBytes.records(22, concat(handshake(2, sh),
                handshake(11, concat(new byte[] {0, (byte) (cert.length >> 8), (byte) cert.length}, cert)),
                handshake(14, new byte[0])), 200), record(20, TlsBytes.hex("01")), record(23, new byte[64]));
    }

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int edits = 1 + rnd.nextInt(6);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> b[at] = (byte) 0xff;                          // blow up a length
                case 3 -> b[at] = 0;                                    // shrink a length
                case 4 -> b = Arrays.copyOf(b, at);                     // truncate
                default -> {                                            // duplicate a slice
                    int len = Math.min(b.length - at, rnd.nextInt(40));
                    b = concat(Arrays.copyOf(b, at + len), Arrays.copyOfRange(b, at, b.length));
                }
            }
        }
        return b;
    }

    private static List<byte[]> cut(byte[] b, Random rnd) {
        List<byte[]> parts = new ArrayList<>();
        int pos = 0;
        while (pos < b.length) {
            int n = 1 + rnd.nextInt(Math.min(b.length - pos, rnd.nextBoolean() ? 8 : 600));
            parts.add(Arrays.copyOfRange(b, pos, pos + n));
            pos += n;
        }
        return parts;
    }

    @Test
    void mutatedFlightsCutAtRandomNeverThrow() {
        Random rnd = new Random(SEED);
        byte[] client = clientFlight();
        byte[] server = serverFlight();
        long emitted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            RecordingTlsSink sink = new RecordingTlsSink();
            TlsParser parser = new TlsParser(sink);
            List<byte[]> out = cut(rnd.nextInt(10) == 0 ? client : mutate(client, rnd), rnd);
            List<byte[]> in = cut(rnd.nextInt(10) == 0 ? server : mutate(server, rnd), rnd);
            long[] offsets = new long[2];
            int i = 0;
            int j = 0;
            long frame = 1;
            while (i < out.size() || j < in.size()) {
                boolean outbound = j >= in.size() || (i < out.size() && rnd.nextBoolean());
                byte[] part = outbound ? out.get(i++) : in.get(j++);
                Direction d = outbound ? Direction.OUTBOUND : Direction.INBOUND;
                // sometimes hand over a slice of a larger array, as the reassembler does
                byte[] backing = concat(new byte[3], part, new byte[2]);
                parser.data(d, new StreamChunk(backing, 3, part.length, offsets[d.ordinal()], frame++, frame));
                offsets[d.ordinal()] += part.length;
                if (rnd.nextInt(500) == 0) {
                    parser.gap(d, offsets[d.ordinal()], 100);
                }
            }
            parser.end();
            emitted += sink.clientHellos.size();
            assertThat(parser.stats().anomalies().get(TlsAnomalies.PARSER_ERROR)).as("round %d", round).isZero();
        }
        assertThat(emitted).as("some mutated hellos still parse").isPositive();
    }

    @Test
    void randomBytesIntoTheHelloParsersNeverThrow() {
        Random rnd = new Random(SEED + 1);
        byte[] body = new ClientHelloBuilder().sni("a.example").alpn("h2").groups(0x001d).body();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] b = rnd.nextBoolean() ? mutate(body, rnd) : randomBytes(rnd, rnd.nextInt(300));
            ClientHello ch = ClientHelloParser.parse(b, 0, b.length, name -> { });
            if (ch != null) {
                ch.ja3Hash();
                ch.ja4(rnd.nextBoolean());
            }
            ServerHelloParser.parse(b, 0, b.length, name -> { });
            CertificateParser.parse(b, 0, b.length, name -> { });
            TlsParser.looksLikeTls(b, 0, b.length);
        }
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
