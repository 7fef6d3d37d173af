package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.quic.QuicAnomalies;
import org.phonehome.proto.quic.QuicInitialKeys;
import org.phonehome.proto.quic.QuicInitialParser;
import org.phonehome.proto.quic.QuicSink;
import org.phonehome.proto.quic.QuicVersion;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;

/**
 * The QUIC Initial parser (long headers, header protection, AEAD, frames, CRYPTO reassembly, the TLS hellos inside)
 * on a sequence of datagrams of both directions.
 *
 * <p>Script ({@link FuzzScript}) op code: bit 0 inbound (server to device); bit 1 sealed: the op's bytes are
 * {@code dcid length (mod 21), dcid, frames}, protected here as a real Initial of the version in bit 2 (v2, else
 * v1) with the client's keys (outbound) or the server's keys for the client's first DCID (inbound), so the fuzzer
 * reaches past the AEAD; otherwise the bytes are the datagram as is. The parser's safety net
 * ({@code quic_parser_error}) must never be used.
 */
class QuicFuzzTest {
    private static final byte[] SCID = {1, 2, 3, 4, 5, 6, 7, 8};

    @FuzzTest
    void parsesAnyDatagrams(byte[] data) {
        List<String> anomalies = new ArrayList<>();
        QuicInitialParser parser = new QuicInitialParser(new QuicSink() {
            @Override
            public void clientHello(ClientHello ch, long frameNumber, long timeNanos) {
                assertThat(ch).isNotNull();
                ch.toString();
            }

            @Override
            public void serverHello(ServerHello sh, long frameNumber, long timeNanos) {
                assertThat(sh).isNotNull();
                sh.toString();
            }

            @Override
            public void anomaly(String name) {
                anomalies.add(name);
            }
        });
        byte[] clientDcid = null;
        long[] offsets = new long[2];
        long pn = 0;
        for (FuzzScript.Op op : FuzzScript.parse(data)) {
            Direction d = (op.code() & 1) != 0 ? Direction.INBOUND : Direction.OUTBOUND;
            byte[] datagram = op.bytes();
            if ((op.code() & 2) != 0) {
                QuicVersion version = (op.code() & 4) != 0 ? QuicVersion.V2 : QuicVersion.V1;
                byte[] b = op.bytes();
                int dcidLength = b.length == 0 ? 8 : (b[0] & 0xff) % 21;
                int start = Math.min(b.length, 1 + dcidLength);
                byte[] dcid = Arrays.copyOfRange(b, Math.min(1, b.length), start);
                byte[] frames = Arrays.copyOfRange(b, start, b.length);
                if (d == Direction.OUTBOUND && clientDcid == null) {
                    clientDcid = dcid;
                }
                QuicInitialKeys keys = d == Direction.OUTBOUND ? QuicInitialKeys.client(version, dcid)
                        : QuicInitialKeys.server(version, clientDcid == null ? dcid : clientDcid);
                datagram = QuicSealer.seal(version, keys, d == Direction.OUTBOUND ? dcid : SCID,
                        d == Direction.OUTBOUND ? SCID : dcid, pn++, frames);
            }
            QuicInitialParser.looksLikeQuicInitial(datagram, 0, datagram.length);
            int i = d.ordinal();
            parser.datagram(d, new StreamChunk(datagram, 0, datagram.length, offsets[i], pn, pn * 1_000_000L));
            offsets[i] += datagram.length;
        }
        parser.end();
        parser.stats().toString();
        assertThat(anomalies).as("QUIC parser safety net used").doesNotContain(QuicAnomalies.PARSER_ERROR);
    }
}
