package org.phonehome.detect.scan;

/**
 * Bytes decoded out of a span of a buffer.
 *
 * @param layer the layer name ({@link Layers})
 * @param start where the decoded span starts in the buffer
 * @param end   where it ends (exclusive; for a compressed stream, where the decoder stopped reading)
 * @param bytes the decoded bytes
 * @param map   maps spans of {@code bytes} back to the buffer
 */
record DecodedRun(String layer, int start, int end, byte[] bytes, SpanMap map) {
}
