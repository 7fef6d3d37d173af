package org.phonehome.proto.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;

/**
 * Reads the HTTP/1.x messages of one TCP connection: both directions, fed in stream order by the caller.
 *
 * <p>The side that sends the first request line is the client (normally the device, OUTBOUND). Responses are
 * matched to requests first in, first out, so that responses to HEAD and CONNECT, and 1xx/204/304 responses, are
 * known to have no body; at most {@link HttpLimits#maxPendingRequests()} requests wait. After a 2xx answer to
 * CONNECT (or a 101) both directions' bytes go to {@link HttpSink#tunnel}. A gap ends the message under way
 * (reported with flag INCOMPLETE) and the parser looks for the next request or status line.
 *
 * <p>No exception escapes {@link #data}, {@link #gap} or {@link #end}: malformed input becomes anomalies. Not
 * thread-safe: one parser per flow, fed by one thread.
 */
public final class HttpParser {

    private static final byte[] EMPTY_BODY = new byte[0];

    private final HttpSink sink;
    /** The sink's anomaly counter as a function, made once (not per message; see HttpStreamDecoder's). */
    private final java.util.function.Consumer<String> anomalies;
    private final HttpLimits limits;
    private final HttpStreamDecoder outbound;
    private final HttpStreamDecoder inbound;
    private final ArrayDeque<String> pendingMethods = new ArrayDeque<>();
    private boolean failed;

    /** A parser with the default bounds and its own share of what the heap affords (tests, tools). */
    public HttpParser(HttpSink sink) {
        this(sink, HttpLimits.DEFAULTS, ParserMemory.forHeap());
    }

    /**
     * @param limits bounds of each message
     * @param memory what the messages under way of all connections hold together: this parser's worker's share
     */
    public HttpParser(HttpSink sink, HttpLimits limits, ParserMemory memory) {
        this.sink = sink;
        this.anomalies = new java.util.function.Consumer<>() {
            @Override
            public void accept(String name) {
                sink.anomaly(name);
            }
        };
        this.limits = limits;
        Events events = new Events();
        this.outbound = new HttpStreamDecoder(Direction.OUTBOUND, limits, memory, events);
        this.inbound = new HttpStreamDecoder(Direction.INBOUND, limits, memory, events);
    }

    /** The next bytes of {@code direction}; the chunk's array is not kept. */
    public void data(Direction direction, StreamChunk chunk) {
        if (failed || chunk.length() <= 0) {
            return;
        }
        try {
            decoder(direction).data(chunk);
        } catch (RuntimeException e) {
            fail();
        }
    }

    /** {@code length} bytes of {@code direction} from {@code streamOffset} were never captured. */
    public void gap(Direction direction, long streamOffset, long length) {
        if (failed) {
            return;
        }
        try {
            sink.anomaly(HttpAnomalies.GAP);
            decoder(direction).gap(streamOffset, length);
        } catch (RuntimeException e) {
            fail();
        }
    }

    /** The connection ended: close-delimited bodies are complete, messages under way are reported as cut. */
    public void end() {
        if (failed) {
            return;
        }
        try {
            HttpStreamDecoder client = inbound.role() == HttpStreamDecoder.Role.CLIENT ? inbound : outbound;
            client.end();
            (client == outbound ? inbound : outbound).end();
        } catch (RuntimeException e) {
            fail();
        }
    }

    /** Gives back the room of the messages under way, without reporting them: the flow's parsing stopped. */
    public void drop() {
        outbound.release();
        inbound.release();
    }

    /** Safety net only: a bug must cost this flow's HTTP, not the run. */
    private void fail() {
        failed = true;
        drop();
        sink.anomaly(HttpAnomalies.PARSER_ERROR);
    }

    private HttpStreamDecoder decoder(Direction direction) {
        return direction == Direction.OUTBOUND ? outbound : inbound;
    }

    /** What the two decoders report; the cross-direction decisions live here. */
    private final class Events implements HttpStreamDecoder.Listener {

        @Override
        public void startLine(Direction direction, StartLine line) {
            if (decoder(direction).role() == HttpStreamDecoder.Role.UNKNOWN) {
                Direction client = line.request() ? direction : direction.reverse();
                decoder(client).role(HttpStreamDecoder.Role.CLIENT);
                decoder(client.reverse()).role(HttpStreamDecoder.Role.SERVER);
            }
        }

        @Override
        public BodyFraming framing(Direction direction, MessageBuilder message) {
            StartLine line = message.startLine();
            if (direction == Direction.INBOUND && MediaTypes.isMedia(HeaderValues.first(message.headers(), "Content-Type"))) {
                // Received media is not searched (MediaTypes): follow its framing without storing its bytes.
                message.keepNoBody();
            }
            if (line.request()) {
                expectResponse(line.method());
                return BodyFraming.forRequest(line.method(), message.headers(), anomalies);
            }
            boolean interim = line.status() < 200 && line.status() != 101;
            String method = interim ? pendingMethods.peek() : pendingMethods.poll();
            if (method == null && !interim) {
                sink.anomaly(HttpAnomalies.RESPONSE_WITHOUT_REQUEST);
            }
            message.requestMethod(method);
            return BodyFraming.forResponse(line.status(), method, message.headers(), anomalies);
        }

        private void expectResponse(String method) {
            if (pendingMethods.size() >= limits.maxPendingRequests()) {
                sink.anomaly(HttpAnomalies.PIPELINE_OVERFLOW);
            } else {
                pendingMethods.add(method);
            }
        }

        @Override
        public void message(Direction direction, MessageBuilder message) {
            StartLine line = message.startLine();
            if (line.request()) {
                if (message.framing() == null) {
                    expectResponse(line.method()); // cut in its head: its response still comes first
                }
                emitRequest(direction, message);
                return;
            }
            emitResponse(direction, message);
            BodyFraming framing = message.framing();
            HttpStreamDecoder other = decoder(direction.reverse());
            if (framing != null && framing.after() == BodyFraming.After.TUNNEL) {
                other.enterTunnel();
            } else if ("CONNECT".equals(message.requestMethod()) && line.status() >= 200) {
                other.connectRefused();
            }
        }

        @Override
        public void anomaly(String name) {
            sink.anomaly(name);
        }

        @Override
        public void tunnel(Direction direction, StreamChunk chunk) {
            sink.tunnel(direction, chunk);
        }

        @Override
        public void tunnelGap(Direction direction, long streamOffset, long length) {
            sink.tunnelGap(direction, streamOffset, length);
        }
    }

    private void emitRequest(Direction direction, MessageBuilder m) {
        StartLine line = m.startLine();
        Set<HttpFlag> flags = EnumSet.noneOf(HttpFlag.class);
        flags.addAll(m.flags());
        HttpBody body = body(m, flags);
        sink.request(new HttpRequest(direction, line.method(), line.target(), line.version(), m.headers(), body,
                frames(m), m.timestampNanos(), flags));
    }

    private void emitResponse(Direction direction, MessageBuilder m) {
        StartLine line = m.startLine();
        Set<HttpFlag> flags = EnumSet.noneOf(HttpFlag.class);
        flags.addAll(m.flags());
        HttpBody body = body(m, flags);
        sink.response(new HttpResponse(direction, line.version(), line.status(), line.reason(), m.requestMethod(),
                m.headers(), body, frames(m), m.timestampNanos(), flags));
    }

    private HttpBody body(MessageBuilder m, Set<HttpFlag> flags) {
        BoundedBytes bytes = m.bodyBytes();
        if (bytes.truncated()) {
            if (!bytes.memoryFull()) { // else counted as http_memory_full
                sink.anomaly(HttpAnomalies.BODY_TRUNCATED);
            }
            sink.bodyBytesNotScanned(bytes.dropped());
            flags.add(HttpFlag.BODY_TRUNCATED);
        }
        List<String> layers = new ArrayList<>();
        if (m.chunked()) {
            layers.add("chunked");
        }
        if (!m.bodyKept()) {
            return new HttpBody(EMPTY_BODY, EMPTY_BODY, layers, m.bodyNotKept());
        }
        byte[] raw = bytes.toArray();
        if (raw.length == 0 && layers.isEmpty()) {
            return HttpBody.EMPTY;
        }
        List<String> codings = new ArrayList<>(HeaderValues.tokens(m.headers(), "Content-Encoding"));
        for (String te : HeaderValues.tokens(m.headers(), "Transfer-Encoding")) {
            if (!te.equals("chunked")) {
                codings.add(te); // transfer codings were applied after the content codings
            }
        }
        ContentDecoder.Result decoded = ContentDecoder.decode(raw, codings, limits, anomalies);
        layers.addAll(decoded.layers());
        flags.addAll(decoded.flags());
        return new HttpBody(raw, decoded.decoded(), layers);
    }

    private static List<Long> frames(MessageBuilder m) {
        return new ArrayList<>(new TreeSet<>(m.frames()));
    }
}
