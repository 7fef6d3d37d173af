package org.phonehome.proto.tls.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/**
 * Decrypts the corpus's small TLS captures with their key logs and compares the application data, frame by frame,
 * with what tshark decrypted with the same keys ({@code expected/<file>.decrypted.keys.tsv}: frame number and
 * {@code data.data} hex). Runs only when {@code PHONEHOME_CORPUS} names the corpus directory; reads it in place.
 * The captures are classic pcap, BSD null link type, IPv4 or IPv6, one TCP connection in order: a throwaway reader here.
 */
@EnabledIfEnvironmentVariable(named = "PHONEHOME_CORPUS", matches = ".+")
class CorpusDecryptTest {

    @ParameterizedTest
    @ValueSource(strings = {"illtls12_capture", "illtls13_capture"})
    void decryptsWhatTsharkDecrypts(String name) throws IOException {
        Path corpus = Path.of(System.getenv("PHONEHOME_CORPUS"));
        Path pcap = corpus.resolve("captures").resolve(name + ".pcap");
        KeyLog keys = KeyLog.parse(Files.readAllBytes(corpus.resolve("captures").resolve(name + ".keys")),
                name + ".keys");
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("expected").resolve(name + ".pcap.decrypted.keys.tsv"))) {
            String[] f = line.split("\t", -1);
            if (f.length > 4 && !f[4].isEmpty() && !f[0].equals("frame.number")) {
                expected.add(f[0] + " " + f[4]);
            }
        }
        List<String> got = new ArrayList<>();
        DecryptSink tee = new DecryptSink() {
            @Override
            public void plaintext(Direction direction, StreamChunk chunk) {
                got.add(chunk.frameNumber() + " " + HexFormat.of().formatHex(chunk.data(), chunk.offset(),
                        chunk.offset() + chunk.length()));
            }
        };
        WiredFlow wired = new WiredFlow(keys, tee);
        for (Segment s : readPcap(Files.readAllBytes(pcap))) {
            wired.feed(s.direction, new StreamChunk(s.payload, 0, s.payload.length, 0, s.frame, 0));
        }
        wired.decryptor.end();
        assertThat(keys.warnings()).isEmpty();
        assertThat(got).isEqualTo(expected);
        assertThat(wired.decryptor.stats().anomalies().snapshot()).isEmpty();
    }

    /** TlsParser then TlsDecryptor on each chunk, the hellos forwarded: the integration recipe. */
    static final class WiredFlow {
        final TlsDecryptor decryptor;
        final org.phonehome.proto.tls.TlsParser parser;

        WiredFlow(KeyLog keys, DecryptSink sink) {
            decryptor = new TlsDecryptor(keys, sink);
            parser = new org.phonehome.proto.tls.TlsParser(new org.phonehome.proto.tls.TlsSink() {
                @Override
                public void clientHello(org.phonehome.proto.tls.ClientHello ch, long f, long t) {
                    decryptor.clientHello(ch);
                }

                @Override
                public void serverHello(org.phonehome.proto.tls.ServerHello sh, long f, long t) {
                    decryptor.serverHello(sh);
                }

                @Override
                public void certificates(List<org.phonehome.proto.tls.CertificateInfo> c, long f, long t) {
                }

                @Override
                public void anomaly(String name) {
                }
            });
        }

        void feed(Direction d, StreamChunk chunk) {
            parser.data(d, chunk);
            decryptor.data(d, chunk);
        }
    }

    record Segment(long frame, Direction direction, byte[] payload) {
    }

    /** Classic pcap, link type 0 (BSD null), IPv4 or IPv6 (no extension headers), TCP; the first packet's source is the client; in-order only. */
    static List<Segment> readPcap(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int magic = b.getInt(0);
        b.order(magic == 0xa1b2c3d4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int pos = 24;
        long frame = 0;
        String client = null;
        long[] nextSeq = {-1, -1};
        List<Segment> out = new ArrayList<>();
        while (pos + 16 <= file.length) {
            int incl = b.getInt(pos + 8);
            int p = pos + 16;
            pos = p + incl;
            frame++;
            int ip = p + 4; // null link header: 4-byte address family
            boolean v6 = (file[ip] & 0xf0) == 0x60;
            int ihl = v6 ? 40 : (file[ip] & 0x0f) * 4;
            if ((file[ip + (v6 ? 6 : 9)] & 0xff) != 6) {
                continue;
            }
            int end = v6 ? ip + 40 + (((file[ip + 4] & 0xff) << 8) | (file[ip + 5] & 0xff))
                    : ip + (((file[ip + 2] & 0xff) << 8) | (file[ip + 3] & 0xff));
            String src = HexFormat.of().formatHex(file, v6 ? ip + 8 : ip + 12, v6 ? ip + 24 : ip + 16) + ":"
                    + (((file[ip + ihl] & 0xff) << 8) | (file[ip + ihl + 1] & 0xff));
            if (client == null) {
                client = src;
            }
            Direction dir = src.equals(client) ? Direction.OUTBOUND : Direction.INBOUND;
            int tcp = ip + ihl;
            long seq = Integer.toUnsignedLong(ByteBuffer.wrap(file, tcp + 4, 4).getInt()); // network order
            int flags = file[tcp + 13] & 0xff;
            int dataOff = ((file[tcp + 12] & 0xf0) >> 4) * 4;
            int payloadStart = tcp + dataOff;
            int payloadLen = end - payloadStart;
            int i = dir.ordinal();
            if ((flags & 0x02) != 0) {
                nextSeq[i] = seq + 1;
                continue;
            }
            if (payloadLen <= 0 || seq != nextSeq[i]) {
                continue; // pure ACK, or a retransmission
            }
            nextSeq[i] = seq + payloadLen;
            byte[] payload = java.util.Arrays.copyOfRange(file, payloadStart, payloadStart + payloadLen);
            out.add(new Segment(frame, dir, payload));
        }
        return out;
    }
}
