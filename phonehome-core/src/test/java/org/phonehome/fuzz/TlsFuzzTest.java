package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.tls.CertificateInfo;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;
import org.phonehome.proto.tls.TlsAnomalies;
import org.phonehome.proto.tls.TlsParser;
import org.phonehome.proto.tls.TlsSink;

/**
 * The TLS parser (records, handshake reassembly, ClientHello/ServerHello/extensions, certificates) on both
 * directions of a connection cut into chunks, with gaps ({@link StreamScript}); also the content recogniser on
 * every chunk. Its safety net ({@code tls_parser_error}) must never be used, and the room its messages took from a
 * small shared bound must be whole again after the end.
 */
class TlsFuzzTest {
    /** Small enough that the shared bound refuses handshake messages past 2 KB + 4 KB. */
    private static final long MEMORY = 4096;

    @FuzzTest
    void parsesAnyStreams(byte[] data) {
        List<String> anomalies = new ArrayList<>();
        ParserMemory memory = new ParserMemory(MEMORY);
        TlsParser parser = new TlsParser(new TlsSink() {
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
            public void certificates(List<CertificateInfo> chain, long frameNumber, long timeNanos) {
                assertThat(chain).doesNotContainNull();
                chain.toString();
            }

            @Override
            public void anomaly(String name) {
                anomalies.add(name);
            }
        }, memory);
        StreamScript.replay(data, StreamScript.target((direction, chunk) -> {
            TlsParser.looksLikeTls(chunk.data(), chunk.offset(), chunk.length());
            parser.data(direction, chunk);
        }, parser::gap, parser::end));
        parser.stats().toString();
        assertThat(anomalies).as("TLS parser safety net used").doesNotContain(TlsAnomalies.PARSER_ERROR);
        assertThat(memory.left()).as("room of ended messages given back").isEqualTo(MEMORY);
    }
}
