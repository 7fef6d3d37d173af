package org.phonehome.flow;

/**
 * Bytes of one direction of a flow, in stream order: a TCP segment's new bytes after reassembly, or one UDP datagram.
 *
 * @param data           array holding the bytes (do not modify; copy what you keep)
 * @param offset         offset of the first byte in {@code data}
 * @param length         number of bytes
 * @param streamOffset   position of the first byte in this direction's stream (0 = first payload byte seen);
 *                       for UDP the sum of the lengths of earlier datagrams
 * @param frameNumber    the frame that carried these bytes
 * @param timestampNanos capture time of that frame
 */
public record StreamChunk(byte[] data, int offset, int length, long streamOffset, long frameNumber,
                          long timestampNanos) {
}
