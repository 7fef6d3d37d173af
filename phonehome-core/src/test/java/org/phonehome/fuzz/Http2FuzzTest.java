package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.phonehome.flow.Direction;
import org.phonehome.proto.http.HttpLimits;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.http2.HpackDecoder;
import org.phonehome.proto.http2.Http2Anomalies;
import org.phonehome.proto.http2.Http2Header;
import org.phonehome.proto.http2.Http2Messages;
import org.phonehome.proto.http2.Http2Parser;
import org.phonehome.proto.http2.Http2Request;
import org.phonehome.proto.http2.Http2Response;
import org.phonehome.proto.http2.Http2Sink;

/**
 * The HTTP/2 parser (preface, frames, SETTINGS, HEADERS with CONTINUATION, PUSH_PROMISE, DATA, RST_STREAM, HPACK
 * with its dynamic table and Huffman strings) on both directions of a connection cut into chunks, with gaps
 * ({@link StreamScript}), with small bounds (a 4 KiB HPACK table, 64 KiB bodies) so that they are reached; and each
 * chunk also as a bare HPACK header block for a decoder per direction. Messages become {@code Message}s as the
 * pipeline makes them. The parser's safety net ({@code http2_parser_error}) must never be used; HPACK never throws.
 */
class Http2FuzzTest {
    private static final int TABLE_BOUND = 4096;
    private static final int BODY_BOUND = 64 * 1024;
    /** Small enough that the shared bound refuses bodies of the fuzzed streams too. */
    private static final long MEMORY = 4096;

    @FuzzTest
    void parsesAnyStreams(byte[] data) {
        List<String> anomalies = new ArrayList<>();
        ParserMemory memory = new ParserMemory(MEMORY);
        Http2Parser parser = new Http2Parser(new Http2Sink() {
            @Override
            public void request(Http2Request r) {
                assertThat(r.body().length).isLessThanOrEqualTo(BODY_BOUND);
                Http2Messages.of(1, r, HttpLimits.DEFAULTS, anomalies::add).toString();
            }

            @Override
            public void response(Http2Response r) {
                assertThat(r.body().length).isLessThanOrEqualTo(BODY_BOUND);
                Http2Messages.of(1, r, HttpLimits.DEFAULTS, anomalies::add).toString();
            }

            @Override
            public void anomaly(String name) {
                anomalies.add(name);
            }
        }, TABLE_BOUND, BODY_BOUND, memory);
        Map<Direction, HpackDecoder> hpack = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) {
            hpack.put(d, new HpackDecoder());
            hpack.get(d).setMaxTableSize(64 * 1024);
        }
        StreamScript.replay(data, StreamScript.target((direction, chunk) -> {
            Http2Parser.looksLikeHttp2(chunk.data(), chunk.offset(), chunk.length());
            parser.data(direction, chunk);
            HpackDecoder.Result r = hpack.get(direction).decode(chunk.data(), chunk.offset(), chunk.length());
            for (Http2Header h : r.headers()) {
                assertThat(h.name()).isNotNull();
                assertThat(h.value()).isNotNull();
            }
        }, parser::gap, parser::end));
        assertThat(anomalies).as("HTTP/2 parser safety net used").doesNotContain(Http2Anomalies.PARSER_ERROR);
        assertThat(memory.left()).as("room of ended messages given back").isEqualTo(MEMORY);
    }
}
