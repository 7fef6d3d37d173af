package org.phonehome.proto.http;

/** Facts about how a message was read, carried on {@link HttpRequest} and {@link HttpResponse}. */
public enum HttpFlag {
    /** The message was cut (flow end or a gap) before its end; what was read is kept. */
    INCOMPLETE,
    /** Header lines were dropped by the head bounds. */
    HEADERS_TRUNCATED,
    /** The body was longer than the kept-bytes bound; only its start is kept. */
    BODY_TRUNCATED,
    /** A content coding could not be undone (in full or in part). */
    DECODE_ERROR,
    /** Decoding stopped at the decoded-size or ratio bound. */
    DECODE_LIMIT,
    /** The chunked framing was invalid; the body is what came before the bad chunk. */
    CHUNKING_INVALID
}
