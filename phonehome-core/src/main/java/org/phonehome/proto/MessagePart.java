package org.phonehome.proto;

import java.util.List;

/**
 * One named piece of a message, the unit detection scans.
 *
 * @param kind   {@code url}, {@code query}, {@code header}, {@code cookie}, {@code form}, {@code json}, {@code body}
 *               or {@code stream} (see {@link Kinds})
 * @param name   the parameter, header, cookie, form field or JSON key name; null for url, body and stream
 * @param value  the bytes as they stand after the layers were opened (owned by this record; do not modify)
 * @param layers containers opened to reach the value, outermost first ({@code chunked}, {@code gzip},
 *               {@code multipart}, {@code urlencoded}, ...); empty when none
 */
public record MessagePart(String kind, String name, byte[] value, List<String> layers) {

    public MessagePart {
        layers = List.copyOf(layers);
    }

    /** The part kinds of the report's vocabulary. */
    public static final class Kinds {
        public static final String URL = "url";
        public static final String QUERY = "query";
        public static final String HEADER = "header";
        public static final String COOKIE = "cookie";
        public static final String FORM = "form";
        public static final String JSON = "json";
        public static final String BODY = "body";
        public static final String STREAM = "stream";

        private Kinds() {
        }
    }
}
