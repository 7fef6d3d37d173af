package org.phonehome.proto.http2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phonehome.Counters;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.Message;
import org.phonehome.proto.http.BoundedBytes;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.http.MediaTypes;

/**
 * Parses one HTTP/2 connection (RFC 9113), fed the decrypted (or h2c) bytes of both directions in stream order;
 * OUTBOUND is the client. Emits each stream's request and final response to an {@link Http2Sink}. Never throws
 * from {@link #data}, {@link #gap} or {@link #end}.
 *
 * <p>Frames: DATA, HEADERS, CONTINUATION, PUSH_PROMISE, RST_STREAM, SETTINGS (HEADER_TABLE_SIZE and MAX_FRAME_SIZE
 * are honoured), PRIORITY, PING, GOAWAY, WINDOW_UPDATE; unknown types are skipped. Every header block is decoded in
 * order to keep the HPACK tables in step, also for streams past {@link Http2Limits#MAX_OPEN_STREAMS}.
 * Limits: see {@link Http2Limits}.
 */
public final class Http2Parser {
    /** The client connection preface (RFC 9113 section 3.4). */
    public static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final int FRAME_HEADER = 9;
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int PRIORITY = 2;
    private static final int RST_STREAM = 3;
    private static final int SETTINGS = 4;
    private static final int PUSH_PROMISE = 5;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int WINDOW_UPDATE = 8;
    private static final int CONTINUATION = 9;
    private static final int FLAG_END_STREAM = 0x1;
    private static final int FLAG_ACK = 0x1;
    private static final int FLAG_END_HEADERS = 0x4;
    private static final int FLAG_PADDED = 0x8;
    private static final int FLAG_PRIORITY = 0x20;
    private static final int PRIORITY_FIELDS = 5;
    private static final int SETTING_LENGTH = 6;
    private static final int SETTINGS_HEADER_TABLE_SIZE = 1;
    private static final int SETTINGS_MAX_FRAME_SIZE = 5;

    private final Http2Sink sink;
    private final int maxHeaderTableSize;
    private final int maxBodyBytes;
    private final ParserMemory memory;
    private final Counters anomalies = new Counters();
    private final Map<Direction, Side> sides = new EnumMap<>(Direction.class);
    private final LinkedHashMap<Integer, Stream> streams = new LinkedHashMap<>();
    /** Streams the server reset while the client was still sending: the last few, by id. */
    private final LinkedHashMap<Integer, Stream> reset = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Integer, Stream> eldest) {
            if (size() <= MAX_RESET_STREAMS_KEPT) {
                return false;
            }
            if (eldest.getValue().late != null) {
                eldest.getValue().late.release();
            }
            return true;
        }
    };
    /** A client rarely has more than a few uploads refused at once; late DATA of older ones is not followed. */
    private static final int MAX_RESET_STREAMS_KEPT = 16;

    /** A parser with the default bounds and its own share of what the heap affords (tests, tools). */
    public Http2Parser(Http2Sink sink) {
        this(sink, Http2Limits.MAX_HEADER_TABLE_SIZE, Http2Limits.MAX_BODY_BYTES, ParserMemory.forHeap());
    }

    /**
     * @param maxHeaderTableSize largest HPACK dynamic table kept per direction (at least 4096)
     * @param maxBodyBytes       body bytes kept per message
     * @param memory             what the messages under way of all connections hold together: this parser's
     *                           worker's share
     */
    public Http2Parser(Http2Sink sink, int maxHeaderTableSize, int maxBodyBytes, ParserMemory memory) {
        this.sink = sink;
        this.maxHeaderTableSize = maxHeaderTableSize;
        this.maxBodyBytes = maxBodyBytes;
        this.memory = memory;
        for (Direction d : Direction.values()) {
            sides.put(d, new Side(d));
        }
    }

    /** Anomalies by name. */
    public Counters anomalies() {
        return anomalies;
    }

    /** Recognition by content: the bytes start with (a prefix of at least 16 bytes of) the client preface. */
    public static boolean looksLikeHttp2(byte[] b, int off, int len) {
        int n = Math.min(len, PREFACE.length);
        if (b == null || off < 0 || n < 16 || off > b.length - n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[off + i] != PREFACE[i]) {
                return false;
            }
        }
        return true;
    }

    /** The next bytes of {@code direction}. */
    public void data(Direction direction, StreamChunk chunk) {
        Side side = sides.get(direction);
        if (side.stopped || chunk.length() <= 0) {
            return;
        }
        try {
            side.feed(chunk);
        } catch (RuntimeException e) {
            side.stopped = true; // safety net only
            anomaly(Http2Anomalies.PARSER_ERROR);
        }
    }

    /** Bytes of {@code direction} were lost: that direction stops. */
    public void gap(Direction direction, long offset, long length) {
        Side side = sides.get(direction);
        if (!side.stopped) {
            side.stopped = true;
            anomaly(Http2Anomalies.GAP);
        }
    }

    /** The connection ended: unfinished messages are emitted as incomplete. */
    public void end() {
        for (Side side : sides.values()) {
            if (!side.stopped && side.midFrame()) {
                anomaly(Http2Anomalies.TRUNCATED);
            }
            side.stopped = true;
        }
        for (Stream s : streams.values()) {
            s.finish(s.request, false);
            s.finish(s.response, false);
        }
        for (Stream s : reset.values()) {
            s.finishLate();
        }
        streams.clear();
    }

    /** Gives back the room of the bodies under way, without reporting them: the flow's parsing stopped. */
    public void drop() {
        for (Stream s : streams.values()) {
            s.request.release();
            s.response.release();
        }
        for (Stream s : reset.values()) {
            if (s.late != null) {
                s.late.release();
            }
        }
        streams.clear();
        reset.clear();
    }

    private void anomaly(String name) {
        anomalies.increment(name);
        sink.anomaly(name);
    }

    private Stream stream(int id, boolean create) {
        Stream s = streams.get(id);
        if (s == null && create) {
            if (streams.size() >= Http2Limits.MAX_OPEN_STREAMS) {
                anomaly(Http2Anomalies.TOO_MANY_STREAMS);
                return null;
            }
            s = new Stream(id);
            streams.put(id, s);
        }
        return s;
    }

    private void frame(Side from, int type, int flags, int streamId, byte[] p, long frame, long time) {
        if (from.continuationStream >= 0 && type != CONTINUATION) {
            from.stop(Http2Anomalies.CONTINUATION_ERROR);
            return;
        }
        switch (type) {
            case DATA -> dataFrame(from, flags, streamId, p, frame, time);
            case HEADERS -> headersFrame(from, flags, streamId, p, frame, time);
            case CONTINUATION -> continuation(from, flags, streamId, p, frame, time);
            case PUSH_PROMISE -> pushPromise(from, flags, streamId, p, frame, time);
            case RST_STREAM -> {
                Stream s = streamId == 0 || p.length != 4 ? null : streams.remove(streamId);
                if (s != null) {
                    boolean clientStillSending = !s.request.emitted;
                    s.finish(s.request, false);
                    s.finish(s.response, false);
                    if (clientStillSending) {
                        reset.put(streamId, s);
                    }
                }
            }
            case SETTINGS -> settings(from, flags, p);
            case PRIORITY -> expectLength(p, PRIORITY_FIELDS);
            case PING -> expectLength(p, 8);
            case WINDOW_UPDATE -> expectLength(p, 4);
            case GOAWAY -> {
                if (p.length < 8) {
                    anomaly(Http2Anomalies.FRAME_MALFORMED);
                }
            }
            default -> {
                // unknown frame types are ignored (RFC 9113 section 4.1)
            }
        }
    }

    private void expectLength(byte[] p, int length) {
        if (p.length != length) {
            anomaly(Http2Anomalies.FRAME_MALFORMED);
        }
    }

    /** The payload without padding (and the pad length byte); null when the padding is malformed. */
    private byte[] unpad(int flags, byte[] p) {
        if ((flags & FLAG_PADDED) == 0) {
            return p;
        }
        if (p.length < 1 || (p[0] & 0xff) > p.length - 1) {
            anomaly(Http2Anomalies.FRAME_MALFORMED);
            return null;
        }
        return java.util.Arrays.copyOfRange(p, 1, p.length - (p[0] & 0xff));
    }

    private void dataFrame(Side from, int flags, int streamId, byte[] p, long frame, long time) {
        byte[] body = unpad(flags, p);
        if (body == null || streamId == 0) {
            if (streamId == 0) {
                anomaly(Http2Anomalies.FRAME_MALFORMED);
            }
            return;
        }
        Stream s = stream(streamId, false);
        if (s == null && from.client && reset.containsKey(streamId)) {
            lateData(reset.get(streamId), flags, body, frame, time);
            return;
        }
        if (s == null) {
            return; // DATA of a stream we do not track (closed, or over the stream bound)
        }
        Half h = s.half(from.client);
        h.touch(frame, time);
        h.append(body);
        if ((flags & FLAG_END_STREAM) != 0) {
            s.finish(h, true);
            s.removeIfDone();
        }
    }

    /**
     * Request body the client sent after the server reset its stream (a server may answer and reset before it has
     * read the upload): the bytes still left the device, so they become a request of their own, with the headers of
     * the reset one.
     */
    private void lateData(Stream reset, int flags, byte[] body, long frame, long time) {
        Half late = reset.late;
        if (late == null) {
            late = new Half(Direction.OUTBOUND, false);
            // The headers that say how to read the body; the rest (path, cookies) was reported with the request.
            for (Http2Header h : reset.request.headers) {
                if (h.name().equals(":method") || h.name().equals(":authority")
                        || h.name().equalsIgnoreCase("content-type") || h.name().equalsIgnoreCase("content-encoding")) {
                    late.addHeaders(List.of(h));
                }
            }
            reset.late = late;
            anomaly(Http2Anomalies.DATA_AFTER_RESET);
        }
        late.touch(frame, time);
        late.append(body);
        if ((flags & FLAG_END_STREAM) != 0) {
            reset.finishLate();
            this.reset.remove(reset.id);
        }
    }

    private void headersFrame(Side from, int flags, int streamId, byte[] p, long frame, long time) {
        byte[] rest = unpad(flags, p);
        if (rest == null) {
            return;
        }
        if ((flags & FLAG_PRIORITY) != 0) {
            if (rest.length < PRIORITY_FIELDS) {
                anomaly(Http2Anomalies.FRAME_MALFORMED);
                return;
            }
            rest = java.util.Arrays.copyOfRange(rest, PRIORITY_FIELDS, rest.length);
        }
        if (streamId == 0) {
            anomaly(Http2Anomalies.FRAME_MALFORMED);
            return;
        }
        from.startBlock(streamId, -1, (flags & FLAG_END_STREAM) != 0, rest, frame, time);
        if ((flags & FLAG_END_HEADERS) != 0) {
            blockDone(from);
        }
    }

    private void pushPromise(Side from, int flags, int streamId, byte[] p, long frame, long time) {
        byte[] rest = unpad(flags, p);
        if (rest == null) {
            return;
        }
        if (rest.length < 4 || streamId == 0) {
            anomaly(Http2Anomalies.FRAME_MALFORMED);
            return;
        }
        int promised = ((rest[0] & 0x7f) << 24) | ((rest[1] & 0xff) << 16) | ((rest[2] & 0xff) << 8) | (rest[3] & 0xff);
        from.startBlock(streamId, promised, false, java.util.Arrays.copyOfRange(rest, 4, rest.length), frame, time);
        if ((flags & FLAG_END_HEADERS) != 0) {
            blockDone(from);
        }
    }

    private void continuation(Side from, int flags, int streamId, byte[] p, long frame, long time) {
        if (from.continuationStream < 0 || from.continuationStream != streamId) {
            from.stop(Http2Anomalies.CONTINUATION_ERROR);
            return;
        }
        if (from.block.size() + p.length > Http2Limits.MAX_HEADER_BLOCK) {
            from.stop(Http2Anomalies.HEADER_BLOCK_TOO_LARGE);
            return;
        }
        from.block.writeBytes(p);
        from.blockFrames.add(frame);
        if ((flags & FLAG_END_HEADERS) != 0) {
            blockDone(from);
        }
    }

    /** A complete header block of {@code from}: decode it (always, for HPACK state) and apply it to its stream. */
    private void blockDone(Side from) {
        int streamId = from.continuationStream;
        from.continuationStream = -1;
        HpackDecoder.Result r = from.decoder.decode(from.block.toByteArray());
        if (!r.ok()) {
            from.stop(from.decoder.tableLimitHit() ? Http2Anomalies.HEADER_TABLE_LIMIT : Http2Anomalies.HPACK_ERROR);
            return;
        }
        if (from.promisedStream >= 0) {
            Stream pushed = stream(from.promisedStream, true);
            if (pushed != null) {
                pushed.pushed = true;
                pushed.request.direction = from.direction;
                pushed.request.addHeaders(r.headers());
                pushed.request.frames(from.blockFrames, from.blockTime);
                pushed.finish(pushed.request, true);
            }
            return;
        }
        Stream s = stream(streamId, true);
        if (s == null) {
            return;
        }
        Half h = s.half(from.client);
        h.frames(from.blockFrames, from.blockTime);
        if (!from.client && isInterim(r.headers()) && !from.blockEndStream) {
            return; // 1xx: a final response follows on this stream
        }
        h.addHeaders(r.headers());
        if (from.blockEndStream) {
            s.finish(h, true);
            s.removeIfDone();
        }
    }

    private static boolean isInterim(List<Http2Header> headers) {
        String status = Http2Messages.first(headers, ":status");
        return status != null && status.length() == 3 && status.charAt(0) == '1';
    }

    private void settings(Side from, int flags, byte[] p) {
        if ((flags & FLAG_ACK) != 0) {
            return;
        }
        if (p.length % SETTING_LENGTH != 0) {
            anomaly(Http2Anomalies.FRAME_MALFORMED);
            return;
        }
        Side peer = sides.get(from.direction.reverse());
        for (int i = 0; i < p.length; i += SETTING_LENGTH) {
            int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
            long value = ((long) (p[i + 2] & 0xff) << 24) | ((p[i + 3] & 0xff) << 16) | ((p[i + 4] & 0xff) << 8)
                    | (p[i + 5] & 0xff);
            if (id == SETTINGS_HEADER_TABLE_SIZE) {
                peer.decoder.setMaxTableSize((int) Math.min(value, Integer.MAX_VALUE)); // limits what the peer encodes
            } else if (id == SETTINGS_MAX_FRAME_SIZE) {
                if (value < Http2Limits.DEFAULT_MAX_FRAME_SIZE || value > Http2Limits.MAX_FRAME_SIZE) {
                    anomaly(Http2Anomalies.FRAME_MALFORMED);
                } else {
                    peer.maxFrameSize = (int) value; // frames the peer sends to us may be this long
                }
            }
        }
    }

    /** One direction's framing and HPACK state. */
    private final class Side {
        final Direction direction;
        final boolean client;
        final HpackDecoder decoder = new HpackDecoder(maxHeaderTableSize);
        int maxFrameSize = Http2Limits.DEFAULT_MAX_FRAME_SIZE;
        int prefaceFill;
        final byte[] header = new byte[FRAME_HEADER];
        int headerFill;
        byte[] payload;
        int payloadFill;
        boolean stopped;
        // header block being reassembled
        int continuationStream = -1;
        int promisedStream = -1;
        boolean blockEndStream;
        final ByteArrayOutputStream block = new ByteArrayOutputStream();
        final List<Long> blockFrames = new ArrayList<>();
        long blockTime;

        Side(Direction direction) {
            this.direction = direction;
            this.client = direction == Direction.OUTBOUND;
            this.prefaceFill = client ? 0 : PREFACE.length;
        }

        boolean midFrame() {
            return headerFill > 0 || payload != null || continuationStream >= 0
                    || (prefaceFill > 0 && prefaceFill < PREFACE.length);
        }

        void stop(String anomaly) {
            stopped = true;
            anomaly(anomaly);
        }

        void startBlock(int streamId, int promised, boolean endStream, byte[] fragment, long frame, long time) {
            continuationStream = streamId;
            promisedStream = promised;
            blockEndStream = endStream;
            block.reset();
            block.writeBytes(fragment);
            blockFrames.clear();
            blockFrames.add(frame);
            blockTime = time;
        }

        void feed(StreamChunk chunk) {
            byte[] d = chunk.data();
            int pos = chunk.offset();
            int end = chunk.offset() + chunk.length();
            while (pos < end && !stopped) {
                if (prefaceFill < PREFACE.length) {
                    if (d[pos++] != PREFACE[prefaceFill++]) {
                        stop(Http2Anomalies.PREFACE_MISSING);
                    }
                } else if (payload == null) {
                    header[headerFill++] = d[pos++];
                    if (headerFill == FRAME_HEADER) {
                        headerFill = 0;
                        startFrame(chunk);
                    }
                } else {
                    int n = Math.min(end - pos, payload.length - payloadFill);
                    System.arraycopy(d, pos, payload, payloadFill, n);
                    pos += n;
                    payloadFill += n;
                    if (payloadFill == payload.length) {
                        endFrame(chunk);
                    }
                }
            }
        }

        private void startFrame(StreamChunk chunk) {
            int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
            if (length > maxFrameSize) {
                stop(Http2Anomalies.FRAME_TOO_LARGE);
                return;
            }
            payload = new byte[length];
            payloadFill = 0;
            if (length == 0) {
                endFrame(chunk);
            }
        }

        private void endFrame(StreamChunk chunk) {
            byte[] p = payload;
            payload = null;
            int type = header[3] & 0xff;
            int flags = header[4] & 0xff;
            int streamId = ((header[5] & 0x7f) << 24) | ((header[6] & 0xff) << 16) | ((header[7] & 0xff) << 8)
                    | (header[8] & 0xff);
            frame(this, type, flags, streamId, p, chunk.frameNumber(), chunk.timestampNanos());
        }
    }

    /** One stream: its request and response under construction. */
    private final class Stream {
        final int id;
        final Half request = new Half(Direction.OUTBOUND, false);
        final Half response = new Half(Direction.INBOUND, true);
        /** Request body sent after the server reset the stream, or null. */
        Half late;
        boolean pushed;

        Stream(int id) {
            this.id = id;
        }

        Half half(boolean client) {
            return client ? request : response;
        }

        void finish(Half h, boolean complete) {
            if (h.emitted || (h.headers.isEmpty() && h.body.length() == 0 && h.body.dropped() == 0
                    && h.notKept == 0)) {
                return;
            }
            h.emitted = true;
            try {
                if (h.body.dropped() > 0) {
                    sink.bodyBytesNotScanned(h.body.dropped());
                }
                if (h == request) {
                    sink.request(new Http2Request(h.direction, id, h.headers, h.body.toArray(), h.truncated,
                            h.frames, h.time, complete, pushed));
                } else {
                    sink.response(new Http2Response(h.direction, id, h.headers, h.body.toArray(), h.truncated,
                            h.frames, h.time, complete, h.notKept));
                }
            } finally {
                h.release();
            }
        }

        void finishLate() {
            if (late != null && !late.emitted) {
                late.emitted = true;
                try {
                    if (late.body.dropped() > 0) {
                        sink.bodyBytesNotScanned(late.body.dropped());
                    }
                    sink.request(new Http2Request(late.direction, id, late.headers, late.body.toArray(),
                            late.truncated, late.frames, late.time, false, pushed));
                } finally {
                    late.release();
                }
            }
        }

        void removeIfDone() {
            if ((request.emitted || pushed) && response.emitted) {
                streams.remove(id);
            }
        }
    }

    /** One message under construction. */
    private final class Half {
        Direction direction;
        final List<Http2Header> headers = new ArrayList<>();
        /** HPACK size of {@link #headers}, taken from the shared bound. */
        long headerBytes;
        final BoundedBytes body = new BoundedBytes(maxBodyBytes, memory);
        final List<Long> frames = new ArrayList<>();
        long time = -1;
        boolean truncated;
        boolean emitted;
        final boolean response;
        /** 1 keeps the DATA, -1 counts it only (received media, decided at the first DATA); 0 not decided yet. */
        int keeps;
        long notKept;

        Half(Direction direction, boolean response) {
            this.direction = direction;
            this.response = response;
        }

        void touch(long frame, long t) {
            if (time < 0) {
                time = t;
            }
            if (frames.size() < Message.MAX_FRAMES_LISTED && (frames.isEmpty() || frames.get(frames.size() - 1)
                    != frame)) {
                frames.add(frame);
            }
        }

        /**
         * Adds a header block's list (a second one is trailers), within {@link Http2Limits#MAX_HEADER_LIST_SIZE}
         * for the message and the shared bound: repeated HEADERS frames on an open stream, each a few bytes of
         * indexed HPACK fields, would otherwise add up to any size.
         */
        void addHeaders(List<Http2Header> list) {
            if (emitted) {
                return; // after END_STREAM (a protocol error): its message was reported already
            }
            long size = 0;
            for (Http2Header h : list) {
                size += h.name().length() + h.value().length() + HpackDecoder.ENTRY_OVERHEAD;
            }
            if (headerBytes + size > Http2Limits.MAX_HEADER_LIST_SIZE) {
                anomaly(Http2Anomalies.HEADER_LIST_TOO_LARGE);
            } else if (!memory.take(size)) {
                anomaly(Http2Anomalies.MEMORY_FULL);
            } else {
                headerBytes += size;
                headers.addAll(list);
            }
        }

        /** Gives back the room of the headers and body: the message was reported or dropped. */
        void release() {
            body.release();
            memory.giveBack(headerBytes);
            headerBytes = 0;
        }

        void frames(List<Long> fs, long t) {
            for (Long f : fs) {
                touch(f, t);
            }
        }

        void append(byte[] b) {
            if (keeps == 0) {
                keeps = response && direction == Direction.INBOUND
                        && MediaTypes.isMedia(Http2Messages.first(headers, "content-type")) ? -1 : 1;
            }
            if (emitted) {
                return; // DATA after END_STREAM (a protocol error): its message was reported already
            }
            if (keeps < 0) {
                // Received media is not searched (MediaTypes): count its bytes without storing them.
                notKept += b.length;
                return;
            }
            body.append(b, 0, b.length);
            if (body.truncated() && !truncated) {
                truncated = true;
                anomaly(body.memoryFull() ? Http2Anomalies.MEMORY_FULL : Http2Anomalies.BODY_TRUNCATED);
            }
        }
    }
}
