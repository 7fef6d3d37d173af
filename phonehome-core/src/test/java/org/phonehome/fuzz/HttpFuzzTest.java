package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.http.HttpAnomalies;
import org.phonehome.proto.http.HttpLimits;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.http.HttpParser;
import org.phonehome.proto.http.HttpRequest;
import org.phonehome.proto.http.HttpResponse;
import org.phonehome.proto.http.HttpSink;

/**
 * The HTTP/1.x parser (framing, chunking, content decoding, JSON/form/multipart bodies) with default limits on both
 * directions of a connection cut into chunks, with gaps ({@link StreamScript}). Its safety net
 * ({@code http_parser_error}) must never be used.
 */
class HttpFuzzTest {

    /** Small enough that the shared bound refuses headers and bodies of the fuzzed streams too. */
    private static final long MEMORY = 4096;

    @FuzzTest
    void parsesAnyStreams(byte[] data) {
        Sink sink = new Sink();
        ParserMemory memory = new ParserMemory(MEMORY);
        HttpParser parser = new HttpParser(sink, HttpLimits.DEFAULTS, memory);
        StreamScript.replay(data, StreamScript.target(parser::data, parser::gap, parser::end));
        assertThat(sink.anomalies).as("HTTP parser safety net used").doesNotContain(HttpAnomalies.PARSER_ERROR);
        assertThat(memory.left()).as("room of ended messages given back").isEqualTo(MEMORY);
    }

    private static final class Sink implements HttpSink {
        final List<String> anomalies = new ArrayList<>();

        @Override
        public void request(HttpRequest request) {
            assertThat(request).isNotNull();
            request.toString();
        }

        @Override
        public void response(HttpResponse response) {
            assertThat(response).isNotNull();
            response.toString();
        }

        @Override
        public void anomaly(String name) {
            anomalies.add(name);
        }

        @Override
        public void tunnel(Direction direction, StreamChunk chunk) {
            assertThat((long) chunk.offset() + chunk.length()).isLessThanOrEqualTo(chunk.data().length);
        }
    }
}
