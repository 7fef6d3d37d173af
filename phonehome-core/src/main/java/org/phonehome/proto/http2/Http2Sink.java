package org.phonehome.proto.http2;

/** Receives what an {@link Http2Parser} finds in one connection. */
public interface Http2Sink {

    /** A request, when its stream half ended, was reset, or the connection ended. */
    void request(Http2Request request);

    /** A final response, likewise. */
    void response(Http2Response response);

    /** A named anomaly (see {@link Http2Anomalies}); also counted in {@link Http2Parser#anomalies()}. */
    default void anomaly(String name) {
    }

    /**
     * {@code bytes} of a body were past a bound (its own, or the one all parsers share) and are counted, not kept
     * or searched ({@link Http2Anomalies#BODY_BYTES_NOT_SCANNED}).
     */
    default void bodyBytesNotScanned(long bytes) {
    }
}
