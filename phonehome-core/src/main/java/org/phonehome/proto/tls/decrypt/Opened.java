package org.phonehome.proto.tls.decrypt;

/**
 * A record whose protection was removed and verified.
 *
 * @param contentType the real content type (TLS 1.3: from the inner plaintext; TLS 1.2: the record's)
 * @param plaintext   the content, padding and MAC removed (owned by the caller)
 */
public record Opened(int contentType, byte[] plaintext) {
}
