package org.phonehome.proto;

import org.phonehome.proto.http.HttpLimits;
import org.phonehome.proto.http2.Http2Limits;

/**
 * The settable bounds of the protocols stage.
 *
 * @param http            HTTP/1.x bounds; {@link HttpLimits#maxBodyBytes()} also bounds HTTP/2 bodies
 * @param hpackTableBytes largest HPACK dynamic table kept per HTTP/2 direction (at least 4096)
 */
public record ProtocolLimits(HttpLimits http, int hpackTableBytes) {
    /** The built-in bounds. */
    public static final ProtocolLimits DEFAULTS = new ProtocolLimits(HttpLimits.DEFAULTS,
            Http2Limits.MAX_HEADER_TABLE_SIZE);

    /** Checks the bounds. */
    public ProtocolLimits {
        if (http == null || hpackTableBytes < org.phonehome.proto.http2.HpackDecoder.DEFAULT_TABLE_SIZE) {
            throw new IllegalArgumentException("bad protocol limits");
        }
    }
}
