package org.phonehome.proto.http2;

/** Every bound the HTTP/2 parser enforces, with its reason. Hitting one is reported as an anomaly. */
public final class Http2Limits {
    /** The frame size every peer must accept before SETTINGS (RFC 9113 section 4.2). */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1 << 14;
    /** The largest SETTINGS_MAX_FRAME_SIZE a peer may advertise (RFC 9113 section 6.5.2): 2^24 - 1. */
    public static final int MAX_FRAME_SIZE = (1 << 24) - 1;
    /**
     * Largest HPACK dynamic table we keep, unless the user sets {@code --limit hpack-table-bytes}: 64 KiB. Servers and
     * browsers advertise 4 KiB to 64 KiB; a hostile peer advertising 2^32 - 1 must not make us hold more.
     */
    public static final int MAX_HEADER_TABLE_SIZE = 64 * 1024;
    /**
     * Largest decoded header list (HPACK sizes, RFC 9113 SETTINGS_MAX_HEADER_LIST_SIZE), and the most one message
     * keeps of its header lists together (headers and trailers): 256 KiB, four times nginx's default
     * large_client_header_buffers total, well above real requests.
     */
    public static final int MAX_HEADER_LIST_SIZE = 256 * 1024;
    /** Largest header block reassembled from HEADERS + CONTINUATION: the list bound, as compressed is smaller. */
    public static final int MAX_HEADER_BLOCK = MAX_HEADER_LIST_SIZE;
    /** Streams tracked at once: 1024, four times the largest common SETTINGS_MAX_CONCURRENT_STREAMS (256). */
    public static final int MAX_OPEN_STREAMS = 1024;
    /**
     * Body bytes kept per message: 16 MiB, the HTTP/1 parser's default (both follow {@code --limit http-body-bytes}).
     */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private Http2Limits() {
    }
}
