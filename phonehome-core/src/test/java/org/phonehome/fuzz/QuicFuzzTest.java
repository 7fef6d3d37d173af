package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.quic.InitialCrypto;
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
 * ({@code quic_parser_error}) must never be used, and a parser whose engines served the inputs before must report
 * what one with engines of its own reports.
 */
class QuicFuzzTest {
    private static final byte[] SCID = {1, 2, 3, 4, 5, 6, 7, 8};

    /**
     * Engines used by every input in turn, as a worker's are used by flow after flow: whatever the inputs before
     * left in them, each input must give what engines of its own give.
     */
    private static final InitialCrypto SHARED = new InitialCrypto();

    @FuzzTest
    void parsesAnyDatagrams(byte[] data) {
        List<String> events = new ArrayList<>();
        List<String> eventsShared = new ArrayList<>();
        QuicInitialParser parser = new QuicInitialParser(recording(events), ParserMemory.forHeap(),
                new InitialCrypto());
        QuicInitialParser shared = new QuicInitialParser(recording(eventsShared), ParserMemory.forHeap(), SHARED);
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
            shared.datagram(d, new StreamChunk(datagram, 0, datagram.length, offsets[i], pn, pn * 1_000_000L));
            offsets[i] += datagram.length;
        }
        parser.end();
        shared.end();
        parser.stats().toString();
        assertThat(events).as("QUIC parser safety net used").doesNotContain("anomaly " + QuicAnomalies.PARSER_ERROR);
        assertThat(eventsShared.stream().map(QuicFuzzTest::withoutIdentities).toList()).as("engines used before")
                .isEqualTo(events.stream().map(QuicFuzzTest::withoutIdentities).toList());
        assertThat(shared.stats().packets().snapshot()).isEqualTo(parser.stats().packets().snapshot());
    }

    private static String withoutIdentities(String event) {
        return event.replaceAll("\\[B@[0-9a-f]+", "[B");
    }

    private static QuicSink recording(List<String> events) {
        return new QuicSink() {
            @Override
            public void clientHello(ClientHello ch, long frameNumber, long timeNanos) {
                assertThat(ch).isNotNull();
                // The record's text without its arrays' identities, which differ between any two parses
                events.add("client hello " + frameNumber + " " + ch + " " + Arrays.toString(ch.random()) + " "
                        + Arrays.toString(ch.sessionId()));
            }

            @Override
            public void serverHello(ServerHello sh, long frameNumber, long timeNanos) {
                assertThat(sh).isNotNull();
                events.add("server hello " + frameNumber + " " + sh + " " + Arrays.toString(sh.random()) + " "
                        + Arrays.toString(sh.sessionId()));
            }

            @Override
            public void anomaly(String name) {
                events.add("anomaly " + name);
            }
        };
    }
}
