package org.phonehome.detect.scan;

/**
 * A hit tagged with the message part it was found in.
 *
 * @param partIndex the part's index in {@link org.phonehome.proto.Message#parts()}
 * @param kind      the part's kind ({@link org.phonehome.proto.MessagePart.Kinds})
 * @param name      the part's name (null for url, body, stream)
 * @param hit       the hit
 */
public record PartHit(int partIndex, String kind, String name, Hit hit) {
}
