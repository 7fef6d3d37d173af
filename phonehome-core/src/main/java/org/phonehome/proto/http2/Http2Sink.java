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
}
