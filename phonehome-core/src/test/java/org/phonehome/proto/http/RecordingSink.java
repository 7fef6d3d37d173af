package org.phonehome.proto.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/** An {@link HttpSink} that keeps everything, for assertions. */
final class RecordingSink implements HttpSink {
    final List<HttpRequest> requests = new ArrayList<>();
    final List<HttpResponse> responses = new ArrayList<>();
    final List<String> anomalies = new ArrayList<>();
    /** Every event in order, rendered without frame numbers (which depend on how the stream was cut). */
    final List<String> events = new ArrayList<>();
    final Map<Direction, ByteArrayOutputStream> tunnel = new EnumMap<>(Direction.class);

    @Override
    public void request(HttpRequest r) {
        requests.add(r);
        events.add("request " + r.direction() + " " + r.method() + " " + r.target() + " " + r.version() + " "
                + r.headers() + " " + body(r.body()) + " " + r.flags());
    }

    @Override
    public void response(HttpResponse r) {
        responses.add(r);
        events.add("response " + r.direction() + " " + r.status() + " " + r.reason() + " " + r.requestMethod() + " "
                + r.headers() + " " + body(r.body()) + " " + r.flags());
    }

    /** Body bytes past a bound, counted not kept. */
    long bodyBytesNotScanned;

    @Override
    public void bodyBytesNotScanned(long bytes) {
        bodyBytesNotScanned += bytes;
    }

    @Override
    public void anomaly(String name) {
        anomalies.add(name);
        events.add("anomaly " + name);
    }

    @Override
    public void tunnel(Direction direction, StreamChunk chunk) {
        tunnel.computeIfAbsent(direction, d -> new ByteArrayOutputStream())
                .write(chunk.data(), chunk.offset(), chunk.length());
    }

    String tunnelText(Direction d) {
        ByteArrayOutputStream b = tunnel.get(d);
        return b == null ? "" : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static String body(HttpBody b) {
        return "raw=" + new String(b.raw(), StandardCharsets.ISO_8859_1) + " decoded="
                + new String(b.decoded(), StandardCharsets.ISO_8859_1) + " " + b.layers();
    }
}
