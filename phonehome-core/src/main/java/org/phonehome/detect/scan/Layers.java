package org.phonehome.detect.scan;

/**
 * The layer names the scanner appends to a part's {@code layers} (DESIGN's vocabulary, plus {@link #HEX}).
 */
public final class Layers {
    private Layers() {
    }

    /** {@code %XX} escapes (and {@code +} for space in a query or form part) were undone. */
    public static final String URLENCODED = "urlencoded";
    /** JSON string escapes ({@code \"}, {@code \\u00e9}, {@code \/}, ...) were undone. */
    public static final String JSON = "json";
    /** A run of the standard base64 alphabet was decoded (also a run using neither alphabet's two extra chars). */
    public static final String BASE64 = "base64";
    /** A run of the URL-safe base64 alphabet containing {@code -} or {@code _} was decoded. */
    public static final String BASE64URL = "base64url";
    /** A run of hex digits was decoded to bytes. Not in DESIGN's list yet: the integrator is to add it. */
    public static final String HEX = "hex";
    /** A gzip stream (RFC 1952) was inflated. */
    public static final String GZIP = "gzip";
    /** A zlib stream (RFC 1950) was inflated. */
    public static final String DEFLATE = "deflate";
}
