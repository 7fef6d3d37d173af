package org.phonehome.proto.tls.decrypt;

/** Removes the protection of one direction's records under one key. Not thread-safe; never throws on bad input. */
public interface RecordOpener {

    /**
     * Decrypts and verifies one record body.
     *
     * @param contentType the record header's content type
     * @param version     the record header's version
     * @param body        the record body (after the 5-byte header)
     * @param seq         the record's sequence number under this key (0 for the first)
     * @return the verified content, or null when authentication failed or the body is malformed
     */
    Opened open(int contentType, int version, byte[] body, long seq);
}
