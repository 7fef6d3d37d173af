package org.phonehome.proto.http;

import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/** What {@link HttpParser} reports, in stream order. Called on the thread that feeds the parser. */
public interface HttpSink {

    /** A request, complete or (flag INCOMPLETE) cut. */
    void request(HttpRequest request);

    /** A response (interim 1xx ones too), complete or (flag INCOMPLETE) cut. */
    void response(HttpResponse response);

    /** A named anomaly (see {@link HttpAnomalies}) to count on the flow. */
    void anomaly(String name);

    /**
     * {@code bytes} of a body were past a bound (its own, or the one all parsers share) and are counted, not kept
     * or searched ({@link HttpAnomalies#BODY_BYTES_NOT_SCANNED}).
     */
    default void bodyBytesNotScanned(long bytes) {
    }

    /**
     * Bytes after a successful CONNECT (2xx) or a 101 Switching Protocols: no longer HTTP/1.x, handed on so the
     * caller can recognise and parse them (TLS, WebSocket). The chunk's array is only valid during the call.
     */
    void tunnel(Direction direction, StreamChunk chunk);

    /** Tunnel bytes that were never captured. */
    default void tunnelGap(Direction direction, long streamOffset, long length) {
    }
}
