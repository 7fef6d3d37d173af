package org.phonehome.proto.http;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.phonehome.ByteSearch;
import org.phonehome.proto.Message;
import org.phonehome.proto.ParserMemory;

/** The message being read in one direction: its head, body bytes so far, frames and flags. */
final class MessageBuilder {

    /**
     * Framing headers are honoured even past the head bounds (else the body would be read as the next message);
     * only this many of them, as an attacker could send nothing else.
     */
    private static final int MAX_FRAMING_HEADERS_PAST_BOUND = 8;
    /** What a kept header takes beyond its bytes (its record and strings), counted against {@link ParserMemory}. */
    static final int HEADER_OVERHEAD = 80;

    private final HttpLimits limits;
    private final Consumer<String> anomalies;
    private final List<HttpHeader> headers = new ArrayList<>();
    private final List<Long> frames = new ArrayList<>();
    private final Set<HttpFlag> flags = EnumSet.noneOf(HttpFlag.class);
    private final BoundedBytes body;
    private final ParserMemory memory;
    /** Room the kept headers took from {@link #memory}. */
    private long headHeld;
    private boolean memoryFullCounted;
    private final long timestampNanos;
    private StartLine startLine;
    private BodyFraming framing;
    private String requestMethod;
    private int headBytes;
    private int framingPastBound;
    private boolean lastHeaderDropped;
    private boolean chunked;
    private boolean bodyKept = true;
    private long bodyNotKept;

    MessageBuilder(HttpLimits limits, ParserMemory memory, Consumer<String> anomalies, long frame,
                   long timestampNanos) {
        this.limits = limits;
        this.memory = memory;
        this.anomalies = anomalies;
        this.body = new BoundedBytes(limits.maxBodyBytes(), memory);
        this.timestampNanos = timestampNanos;
        frames.add(frame);
    }

    /** Notes that a frame carried bytes of this message. */
    void frame(long frame) {
        if (frames.get(frames.size() - 1) != frame && frames.size() < Message.MAX_FRAMES_LISTED) {
            frames.add(frame);
        }
    }

    void startLine(StartLine line, int bytes) {
        startLine = line;
        headBytes = bytes;
    }

    /** Adds one header (or trailer) line without its line end: a field, or an obs-fold continuation. */
    void headerLine(byte[] b, int len) {
        if (b[0] == ' ' || b[0] == '\t') {
            fold(b, len);
            return;
        }
        int colon = ByteSearch.indexOf(b, 0, len, (byte) ':');
        int nameEnd = trimEnd(b, 0, colon);
        if (colon <= 0 || nameEnd == 0 || ByteSearch.indexOf(b, 0, nameEnd, (byte) ' ') >= 0) {
            anomalies.accept(HttpAnomalies.INVALID_HEADER);
            lastHeaderDropped = true;
            return;
        }
        HttpHeader h = new HttpHeader(HeaderNames.of(b, 0, nameEnd), trimmed(b, colon + 1, len));
        boolean withinBounds = headers.size() < limits.maxHeaders() && headBytes + len <= limits.maxHeadBytes();
        if (withinBounds && holdHead(len)) {
            headers.add(h);
            headBytes += len;
            lastHeaderDropped = false;
            return;
        }
        // past a bound of this message, or refused by the shared one (holdHead counted that)
        String bound = withinBounds ? null : headers.size() >= limits.maxHeaders() ? HttpAnomalies.TOO_MANY_HEADERS
                : HttpAnomalies.HEADER_TOO_LARGE;
        if (isFraming(h) && framingPastBound < MAX_FRAMING_HEADERS_PAST_BOUND) {
            // kept whatever the bounds: without it the body would be read as the next message
            headers.add(h);
            framingPastBound++;
        } else {
            lastHeaderDropped = true;
        }
        dropped(bound);
    }

    /** A header line longer than the head bound was skipped. */
    void lineTooLong() {
        dropped(HttpAnomalies.HEADER_TOO_LARGE);
        lastHeaderDropped = true;
    }

    private void fold(byte[] b, int len) {
        if (headers.isEmpty() || lastHeaderDropped) {
            anomalies.accept(HttpAnomalies.INVALID_HEADER);
            return;
        }
        if (headBytes + len > limits.maxHeadBytes()) {
            dropped(HttpAnomalies.HEADER_TOO_LARGE);
            return;
        }
        if (!holdHead(len)) {
            dropped(null);
            return;
        }
        HttpHeader last = headers.remove(headers.size() - 1);
        String more = trimmed(b, 0, len);
        headers.add(new HttpHeader(last.name(), last.value().isEmpty() ? more : last.value() + " " + more));
        headBytes += len;
    }

    /** Takes room for a header of {@code len} bytes from the shared bound; false (counted) when refused. */
    private boolean holdHead(int len) {
        if (memory.take(len + HEADER_OVERHEAD)) {
            headHeld += len + HEADER_OVERHEAD;
            return true;
        }
        memoryFull();
        return false;
    }

    private void memoryFull() {
        if (!memoryFullCounted) {
            memoryFullCounted = true;
            anomalies.accept(HttpAnomalies.MEMORY_FULL);
        }
    }

    /** Gives the room this message's headers and body took back to the shared bound: call once it is reported. */
    void release() {
        body.release();
        memory.giveBack(headHeld);
        headHeld = 0;
    }

    /** Headers were dropped: past {@code anomaly}'s bound, or (null) refused by the shared one, counted apart. */
    private void dropped(String anomaly) {
        if (flags.add(HttpFlag.HEADERS_TRUNCATED) && anomaly != null) {
            anomalies.accept(anomaly);
        }
    }

    private static boolean isFraming(HttpHeader h) {
        return h.is("Content-Length") || h.is("Transfer-Encoding") || h.is("Content-Encoding")
                || h.is("Content-Type");
    }

    private static String trimmed(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        return StartLine.ascii(b, from, trimEnd(b, from, to));
    }

    private static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    void body(byte[] b, int from, int n) {
        if (bodyKept) {
            body.append(b, from, n);
            if (body.memoryFull()) {
                memoryFull();
            }
        } else {
            bodyNotKept += n;
        }
    }

    /** The body is received media: it is framed and counted, not kept (see {@link HttpBody#notKept()}). */
    void keepNoBody() {
        bodyKept = false;
    }

    boolean bodyKept() {
        return bodyKept;
    }

    /** The body bytes read but not kept. */
    long bodyNotKept() {
        return bodyNotKept;
    }

    void flag(HttpFlag flag) {
        flags.add(flag);
    }

    void framing(BodyFraming framing) {
        this.framing = framing;
        this.chunked = framing.kind() == BodyFraming.Kind.CHUNKED;
        if (framing.kind() == BodyFraming.Kind.LENGTH && bodyKept) {
            body.reserve(framing.length());
        }
    }

    BodyFraming framing() {
        return framing;
    }

    void requestMethod(String method) {
        this.requestMethod = method;
    }

    String requestMethod() {
        return requestMethod;
    }

    StartLine startLine() {
        return startLine;
    }

    List<HttpHeader> headers() {
        return headers;
    }

    List<Long> frames() {
        return frames;
    }

    Set<HttpFlag> flags() {
        return flags;
    }

    long timestampNanos() {
        return timestampNanos;
    }

    boolean chunked() {
        return chunked;
    }

    BoundedBytes bodyBytes() {
        return body;
    }
}
