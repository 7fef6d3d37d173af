package org.phonehome.proto.http2;

/**
 * One decoded header field.
 *
 * @param name  the name as sent (lower case in valid HTTP/2; pseudo-headers start with {@code :})
 * @param value the value, each byte as one ISO-8859-1 char (lossless)
 */
public record Http2Header(String name, String value) {

    /** Whether this is a pseudo-header ({@code :method}, {@code :status}, ...). */
    public boolean pseudo() {
        return name.startsWith(":");
    }

    /** The HPACK size of the entry: name and value octets plus 32 (RFC 7541 section 4.1). */
    public int hpackSize() {
        return name.length() + value.length() + HpackDecoder.ENTRY_OVERHEAD;
    }
}
