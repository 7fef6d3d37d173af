package org.phonehome.flow;

/**
 * What the flow stage tells later stages (protocol parsers, statistics). All calls for one flow come in stream order.
 * Every method has an empty default so a consumer overrides only what it needs.
 */
public interface FlowListener {

    /** A new flow was seen: its first packet, with the device side already resolved. */
    default void flowStarted(FlowInfo flow) {
    }

    /** In-order bytes of one direction (TCP after reassembly, UDP one datagram per call). */
    default void payload(FlowInfo flow, Direction direction, StreamChunk chunk) {
    }

    /**
     * Bytes of one direction that were never captured: the stream continues at {@code streamOffset + length}.
     * Consumers must not join the bytes on either side as if they were contiguous.
     */
    default void gap(FlowInfo flow, Direction direction, long streamOffset, long length) {
    }

    /** The flow ended (FIN/RST both ways, idle timeout, eviction, or end of capture); no calls follow for it. */
    default void flowEnded(FlowSummary summary) {
    }
}
