package org.phonehome.proto.http;

import java.nio.charset.StandardCharsets;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;

/** Feeds a parser like the flow stage would: per-direction stream offsets, one frame number per chunk. */
final class Wire {
    final RecordingSink sink = new RecordingSink();
    final HttpParser parser;
    private final long[] offsets = new long[2];
    private long frame = 1;

    Wire() {
        this(HttpLimits.DEFAULTS);
    }

    Wire(HttpLimits limits) {
        this(limits, ParserMemory.forHeap());
    }

    Wire(HttpLimits limits, ParserMemory memory) {
        parser = new HttpParser(sink, limits, memory);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    Wire out(String s) {
        return send(Direction.OUTBOUND, bytes(s));
    }

    Wire in(String s) {
        return send(Direction.INBOUND, bytes(s));
    }

    /** Sends {@code b} as one chunk. */
    Wire send(Direction d, byte[] b) {
        return send(d, b, 0, b.length);
    }

    /** Sends {@code b[from, to)} as one chunk, at an offset inside a bigger array (as a real capture does). */
    Wire send(Direction d, byte[] b, int from, int to) {
        byte[] padded = new byte[to - from + 7];
        System.arraycopy(b, from, padded, 3, to - from);
        parser.data(d, new StreamChunk(padded, 3, to - from, offsets[d.ordinal()], frame, frame * 1000));
        offsets[d.ordinal()] += to - from;
        frame++;
        return this;
    }

    /** Sends {@code b} cut into chunks at the given positions. */
    Wire sendCut(Direction d, byte[] b, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            send(d, b, from, cut);
            from = cut;
        }
        return send(d, b, from, b.length);
    }

    /** Sends {@code b} one byte per chunk. */
    Wire sendBytewise(Direction d, byte[] b) {
        for (int i = 0; i < b.length; i++) {
            send(d, b, i, i + 1);
        }
        return this;
    }

    Wire gap(Direction d, long length) {
        parser.gap(d, offsets[d.ordinal()], length);
        offsets[d.ordinal()] += length;
        return this;
    }

    RecordingSink end() {
        parser.end();
        return sink;
    }
}
