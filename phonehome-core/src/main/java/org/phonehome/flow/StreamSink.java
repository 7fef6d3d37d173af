package org.phonehome.flow;

/**
 * Where a {@link TcpReassembler} sends one direction's stream: in-order bytes, explicit gaps, and anomalies.
 * Calls come in stream order: each call starts where the previous {@code data} or {@code gap} ended.
 */
public interface StreamSink {

    /** In-order new bytes of one segment; {@code chunk.data()} may be the caller's array, so copy what you keep. */
    void data(StreamChunk chunk);

    /** Bytes {@code [streamOffset, streamOffset + length)} were never seen; the stream goes on after them. */
    void gap(long streamOffset, long length);

    /** A named anomaly ({@link FlowAnomalies}) happened {@code count} times; ignored unless overridden. */
    default void anomaly(String name, long count) {
    }
}
