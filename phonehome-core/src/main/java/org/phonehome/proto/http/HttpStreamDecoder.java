package org.phonehome.proto.http;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;

/**
 * The state machine for one direction of an HTTP/1.x connection: cuts the byte stream into message heads and
 * bodies. It keeps no stream bytes except the current line and the current body (both bounded), and reports what
 * it reads to a {@link Listener}; deciding body framing across directions (request methods waiting for their
 * responses) is the listener's job.
 */
final class HttpStreamDecoder {

    /** Who sent the first start line in this direction decides the role. */
    enum Role { UNKNOWN, CLIENT, SERVER }

    enum State {
        SKIP_LEADING_CRLF, READ_START_LINE, READ_HEADERS, READ_FIXED_BODY, READ_CHUNK_SIZE, READ_CHUNK_DATA,
        READ_CHUNK_END, READ_UNTIL_CLOSE, SKIP_LOST_BODY, RESYNC, AWAIT_CONNECT, TUNNEL, ENDED
    }

    /** What the decoder reports. */
    interface Listener {
        /** A start line was read in {@code direction} (the first one decides the roles). */
        void startLine(Direction direction, StartLine line);

        /** The head of {@code message} is complete: how is its body framed? */
        BodyFraming framing(Direction direction, MessageBuilder message);

        /** A message is complete, or cut (flag INCOMPLETE). */
        void message(Direction direction, MessageBuilder message);

        void anomaly(String name);

        void tunnel(Direction direction, StreamChunk chunk);

        void tunnelGap(Direction direction, long streamOffset, long length);
    }

    private final Direction direction;
    private final HttpLimits limits;
    private final ParserMemory memory;
    private final Listener listener;
    /**
     * The listener's anomaly counter as a function, made once (not per message); a class rather than a method
     * reference, which the client compiler allocates through a method handle.
     */
    private final java.util.function.Consumer<String> anomalies;
    private final LineReader line;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private Role role = Role.UNKNOWN;
    private State state = State.SKIP_LEADING_CRLF;
    private MessageBuilder message;
    private StreamChunk chunk;
    private long remaining;
    private int heldBytes;

    HttpStreamDecoder(Direction direction, HttpLimits limits, ParserMemory memory, Listener listener) {
        this.direction = direction;
        this.limits = limits;
        this.memory = memory;
        this.listener = listener;
        // Inner classes, not lambdas: the client compiler makes a capturing lambda through a method handle, which
        // showed for a decoder made per HTTP flow (23 of 3,490 samples on manyflows 100 MB).
        this.line = new LineReader(memory, new Runnable() {
            @Override
            public void run() {
                listener.anomaly(HttpAnomalies.MEMORY_FULL);
            }
        });
        this.anomalies = new java.util.function.Consumer<>() {
            @Override
            public void accept(String name) {
                listener.anomaly(name);
            }
        };
    }

    void role(Role role) {
        this.role = role;
    }

    Role role() {
        return role;
    }

    State state() {
        return state;
    }

    /** Feeds the next bytes of this direction. */
    void data(StreamChunk c) {
        chunk = c;
        byte[] b = c.data();
        int pos = c.offset();
        int end = c.offset() + c.length();
        while (pos < end) {
            if (message != null) {
                message.frame(c.frameNumber());
            }
            pos = step(b, pos, end);
        }
        chunk = null;
    }

    private int step(byte[] b, int pos, int end) {
        switch (state) {
            case SKIP_LEADING_CRLF:
                return skipLeadingCrlf(b, pos, end);
            case READ_START_LINE:
                return readStartLine(b, pos, end);
            case READ_HEADERS:
                return readHeaders(b, pos, end);
            case READ_FIXED_BODY:
            case READ_CHUNK_DATA:
                return readCounted(b, pos, end);
            case READ_CHUNK_SIZE:
            case READ_CHUNK_END:
                return readChunkLine(b, pos, end);
            case READ_UNTIL_CLOSE:
                message.body(b, pos, end - pos);
                return end;
            case SKIP_LOST_BODY:
                return skipLostBody(pos, end);
            case RESYNC:
                return resync(b, pos, end);
            case AWAIT_CONNECT:
                hold(b, pos, end);
                return end;
            case TUNNEL:
                listener.tunnel(direction, sub(pos, end));
                return end;
            default:
                return end;
        }
    }

    private int skipLeadingCrlf(byte[] b, int pos, int end) {
        while (pos < end && (b[pos] == '\r' || b[pos] == '\n')) {
            pos++;
        }
        if (pos < end) {
            message = new MessageBuilder(limits, memory, anomalies, chunk.frameNumber(), chunk.timestampNanos());
            line.reset(limits.maxHeadBytes(), true);
            state = State.READ_START_LINE;
        }
        return pos;
    }

    private int readStartLine(byte[] b, int pos, int end) {
        pos = line.feed(b, pos, end);
        if (!line.complete()) {
            return pos;
        }
        if (line.overflowed()) {
            listener.anomaly(HttpAnomalies.HEADER_TOO_LARGE);
            if (!searchStartLine()) { // the line's tail was kept: a message may start in it
                drop();
                enterResync();
            }
            return pos;
        }
        if (line.length() == 0) {
            line.reset(limits.maxHeadBytes(), true); // a stray empty line: keep waiting for the start line
            return pos;
        }
        StartLine parsed = parseStartLine(line.bytes(), 0, line.length());
        if (parsed == null && role != Role.SERVER) {
            parsed = StartLine.parseVersionlessRequest(line.bytes(), 0, line.length());
            if (parsed != null) {
                listener.anomaly(HttpAnomalies.REQUEST_WITHOUT_VERSION);
            }
        }
        if (parsed == null) {
            listener.anomaly(HttpAnomalies.INVALID_START_LINE);
            if (!searchStartLine()) {
                drop();
                enterResync();
            }
            return pos;
        }
        acceptStartLine(parsed, line.length());
        return pos;
    }

    private StartLine parseStartLine(byte[] b, int from, int to) {
        StartLine parsed = role == Role.SERVER ? null : StartLine.parseRequest(b, from, to);
        if (parsed == null && role != Role.CLIENT) {
            parsed = StartLine.parseStatus(b, from, to);
        }
        return parsed;
    }

    /** Looks for a start line inside the completed line; when found, starts a message with it. */
    private boolean searchStartLine() {
        byte[] b = line.bytes();
        int to = line.length();
        int at = role == Role.SERVER ? -1 : StartLineSearch.findRequest(b, 0, to);
        if (at < 0 && role != Role.CLIENT) {
            at = StartLineSearch.findStatus(b, 0, to);
        }
        StartLine parsed = at < 0 || to - at > limits.maxHeadBytes() ? null : parseStartLine(b, at, to);
        if (parsed == null) {
            return false;
        }
        if (message == null) {
            message = new MessageBuilder(limits, memory, anomalies, chunk.frameNumber(), chunk.timestampNanos());
        }
        acceptStartLine(parsed, to - at);
        return true;
    }

    private void acceptStartLine(StartLine parsed, int bytes) {
        message.startLine(parsed, bytes);
        listener.startLine(direction, parsed);
        line.reset(limits.maxHeadBytes(), false);
        state = State.READ_HEADERS;
    }

    private int readHeaders(byte[] b, int pos, int end) {
        pos = line.feed(b, pos, end);
        if (!line.complete()) {
            return pos;
        }
        if (line.overflowed()) {
            message.lineTooLong();
        } else if (line.length() > 0) {
            message.headerLine(line.bytes(), line.length());
        } else if (message.framing() != null) {
            complete(); // the empty line after the trailers
            return pos;
        } else {
            headComplete();
            return pos;
        }
        line.reset(limits.maxHeadBytes(), false);
        return pos;
    }

    private void headComplete() {
        BodyFraming framing = listener.framing(direction, message);
        message.framing(framing);
        switch (framing.kind()) {
            case LENGTH:
                remaining = framing.length();
                state = State.READ_FIXED_BODY;
                break;
            case CHUNKED:
                line.reset(limits.maxChunkLineBytes(), false);
                state = State.READ_CHUNK_SIZE;
                break;
            case UNTIL_CLOSE:
                state = State.READ_UNTIL_CLOSE;
                break;
            default:
                complete();
        }
    }

    private int readCounted(byte[] b, int pos, int end) {
        int n = (int) Math.min(remaining, end - pos);
        message.body(b, pos, n);
        remaining -= n;
        if (remaining == 0) {
            if (state == State.READ_FIXED_BODY) {
                complete();
            } else {
                line.reset(limits.maxChunkLineBytes(), false);
                state = State.READ_CHUNK_END;
            }
        }
        return pos + n;
    }

    private int readChunkLine(byte[] b, int pos, int end) {
        pos = line.feed(b, pos, end);
        if (!line.complete()) {
            return pos;
        }
        if (state == State.READ_CHUNK_END) {
            if (line.length() == 0 && !line.overflowed()) {
                line.reset(limits.maxChunkLineBytes(), false);
                state = State.READ_CHUNK_SIZE;
                return pos;
            }
            listener.anomaly(HttpAnomalies.CHUNK_DELIMITER_INVALID); // lenient: read the line as the next size
        }
        long size = line.overflowed() ? ChunkSize.INVALID : ChunkSize.parse(line.bytes(), 0, line.length());
        if (size == ChunkSize.INVALID) {
            listener.anomaly(HttpAnomalies.CHUNK_SIZE_INVALID);
            message.flag(HttpFlag.CHUNKING_INVALID);
            cut();
            enterResync();
        } else if (size == 0) {
            line.reset(limits.maxHeadBytes(), false);
            state = State.READ_HEADERS; // trailers; framing() is set, so the empty line completes the message
        } else {
            remaining = size;
            state = State.READ_CHUNK_DATA;
        }
        return pos;
    }

    private int skipLostBody(int pos, int end) {
        int n = (int) Math.min(remaining, end - pos);
        remaining -= n;
        if (remaining == 0) {
            state = State.SKIP_LEADING_CRLF;
        }
        return pos + n;
    }

    private int resync(byte[] b, int pos, int end) {
        pos = line.feed(b, pos, end);
        if (line.complete()) {
            if (!searchStartLine()) {
                line.reset(limits.maxHeadBytes(), true);
            }
        }
        return pos;
    }

    private void enterResync() {
        line.reset(limits.maxHeadBytes(), true);
        state = State.RESYNC;
    }

    /** The message is complete: report it and go on as its framing says. */
    private void complete() {
        MessageBuilder done = message;
        message = null;
        BodyFraming.After after = done.framing() == null ? BodyFraming.After.CONTINUE : done.framing().after();
        state = switch (after) {
            case AWAIT_CONNECT -> State.AWAIT_CONNECT;
            case TUNNEL -> State.TUNNEL;
            default -> State.SKIP_LEADING_CRLF;
        };
        try {
            listener.message(direction, done);
        } finally {
            done.release(); // also when the listener throws: the parser fails, the room must not
        }
    }

    /** Reports the current message as cut, if its start line was read; the caller sets the next state. */
    private void cut() {
        MessageBuilder done = message;
        message = null;
        if (done == null) {
            return;
        }
        try {
            if (done.startLine() != null) {
                done.flag(HttpFlag.INCOMPLETE);
                listener.anomaly(HttpAnomalies.INCOMPLETE_MESSAGE);
                listener.message(direction, done);
            }
        } finally {
            done.release();
        }
    }

    /** Forgets the message under way without reporting it, giving back the room it held. */
    private void drop() {
        if (message != null) {
            message.release();
            message = null;
        }
    }

    /** Parsing stopped: gives back the room of the message under way, unreported, of the line and of held bytes. */
    void release() {
        drop();
        line.release();
        dropHeld();
    }

    /** Forgets the bytes held while a CONNECT waits for its answer, giving back their room. */
    private void dropHeld() {
        held.clear();
        memory.giveBack(heldBytes);
        heldBytes = 0;
    }

    /** Bytes of this direction were never captured. */
    void gap(long streamOffset, long length) {
        switch (state) {
            case TUNNEL -> listener.tunnelGap(direction, streamOffset, length);
            case AWAIT_CONNECT -> held.add(new Held(null, streamOffset, length));
            case ENDED -> { }
            case SKIP_LOST_BODY -> skipGap(length);
            case READ_FIXED_BODY -> {
                cut();
                state = State.SKIP_LOST_BODY;
                skipGap(length);
            }
            case READ_UNTIL_CLOSE -> {
                cut();
                state = State.SKIP_LOST_BODY;
                remaining = Long.MAX_VALUE; // the rest of the stream is still that body
            }
            default -> {
                cut();
                enterResync();
            }
        }
    }

    private void skipGap(long length) {
        if (length < remaining) {
            remaining -= length;
        } else if (length == remaining) {
            state = State.SKIP_LEADING_CRLF;
        } else {
            enterResync();
        }
    }

    /** The flow ended: a close-delimited body is complete, anything else under way is cut. */
    void end() {
        if (state == State.AWAIT_CONNECT) {
            release(false); // never answered: read the held bytes as HTTP
        }
        if (state == State.READ_UNTIL_CLOSE) {
            complete();
        } else {
            cut();
        }
        state = State.ENDED;
        line.release();
        dropHeld(); // bytes the replay above held again, after a second CONNECT among them
    }

    /** The server accepted CONNECT (or switched protocols): from now on this direction is a tunnel. */
    void enterTunnel() {
        if (state == State.AWAIT_CONNECT) {
            release(true);
            return;
        }
        cut();
        state = State.TUNNEL;
    }

    /** The server refused CONNECT: the held bytes are HTTP again. */
    void connectRefused() {
        if (state == State.AWAIT_CONNECT) {
            release(false);
        }
    }

    private void release(boolean tunnel) {
        state = tunnel ? State.TUNNEL : State.SKIP_LEADING_CRLF;
        Held[] items = held.toArray(new Held[0]);
        dropHeld();
        for (Held h : items) {
            if (h.chunk() == null) {
                gap(h.gapOffset(), h.gapLength());
            } else if (tunnel) {
                listener.tunnel(direction, h.chunk());
            } else {
                data(h.chunk());
            }
        }
    }

    /** Client bytes (or a gap when {@code chunk} is null) that came after CONNECT, before its answer. */
    private record Held(StreamChunk chunk, long gapOffset, long gapLength) {
    }

    private void hold(byte[] b, int pos, int end) {
        int n = end - pos;
        if (heldBytes + n > limits.maxConnectHoldBytes()) {
            listener.anomaly(HttpAnomalies.CONNECT_HOLD_OVERFLOW);
            return;
        }
        if (!memory.take(n)) {
            listener.anomaly(HttpAnomalies.MEMORY_FULL);
            return;
        }
        heldBytes += n;
        StreamChunk s = sub(pos, end);
        held.add(new Held(new StreamChunk(Arrays.copyOfRange(b, pos, end), 0, n, s.streamOffset(),
                s.frameNumber(), s.timestampNanos()), 0, 0));
    }

    private StreamChunk sub(int pos, int end) {
        return new StreamChunk(chunk.data(), pos, end - pos, chunk.streamOffset() + (pos - chunk.offset()),
                chunk.frameNumber(), chunk.timestampNanos());
    }
}
