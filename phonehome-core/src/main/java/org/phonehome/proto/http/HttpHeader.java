package org.phonehome.proto.http;

import java.nio.charset.StandardCharsets;

/**
 * One header field as sent.
 *
 * @param name  the name with the sender's case
 * @param value the value without surrounding whitespace, bytes as ISO-8859-1 chars (lossless: see {@link #valueBytes})
 */
public record HttpHeader(String name, String value) {

    /** The value's original bytes. */
    public byte[] valueBytes() {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Whether this header is called {@code other}, ignoring case (known names are shared: see HeaderNames). */
    public boolean is(String other) {
        return name == other || name.equalsIgnoreCase(other);
    }
}
