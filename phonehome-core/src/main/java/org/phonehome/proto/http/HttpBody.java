package org.phonehome.proto.http;

import java.util.List;

/**
 * A message body.
 *
 * @param raw     the body with the transfer framing removed (chunk sizes stripped) but content codings still applied;
 *                at most {@link HttpLimits#maxBodyBytes()} bytes (owned by this record; do not modify)
 * @param decoded the body after the codings in {@code layers} were undone; the same array as {@code raw} when none
 * @param layers  what was opened, outermost first: {@code chunked}, then codings such as {@code gzip}, {@code br}
 * @param notKept the bytes of a received media body ({@link MediaTypes}), which the parser framed and counted but
 *                did not keep (framing removed, codings not undone); {@code raw} is then empty. 0 otherwise
 */
public record HttpBody(byte[] raw, byte[] decoded, List<String> layers, long notKept) {

    /** No body. */
    public static final HttpBody EMPTY = new HttpBody(new byte[0], new byte[0], List.of());

    public HttpBody {
        layers = List.copyOf(layers);
    }

    /** A body that was kept. */
    public HttpBody(byte[] raw, byte[] decoded, List<String> layers) {
        this(raw, decoded, layers, 0);
    }
}
