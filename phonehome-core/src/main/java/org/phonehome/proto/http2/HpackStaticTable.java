package org.phonehome.proto.http2;

import java.util.List;

/** The HPACK static table (RFC 7541 appendix A), indices 1 to 61. */
final class HpackStaticTable {
    static final List<Http2Header> ENTRIES = List.of(
            h(":authority", ""), h(":method", "GET"), h(":method", "POST"), h(":path", "/"),
            h(":path", "/index.html"), h(":scheme", "http"), h(":scheme", "https"), h(":status", "200"),
            h(":status", "204"), h(":status", "206"), h(":status", "304"), h(":status", "400"),
            h(":status", "404"), h(":status", "500"), h("accept-charset", ""), h("accept-encoding", "gzip, deflate"),
            h("accept-language", ""), h("accept-ranges", ""), h("accept", ""), h("access-control-allow-origin", ""),
            h("age", ""), h("allow", ""), h("authorization", ""), h("cache-control", ""),
            h("content-disposition", ""), h("content-encoding", ""), h("content-language", ""),
            h("content-length", ""), h("content-location", ""), h("content-range", ""), h("content-type", ""),
            h("cookie", ""), h("date", ""), h("etag", ""), h("expect", ""), h("expires", ""), h("from", ""),
            h("host", ""), h("if-match", ""), h("if-modified-since", ""), h("if-none-match", ""),
            h("if-range", ""), h("if-unmodified-since", ""), h("last-modified", ""), h("link", ""),
            h("location", ""), h("max-forwards", ""), h("proxy-authenticate", ""), h("proxy-authorization", ""),
            h("range", ""), h("referer", ""), h("refresh", ""), h("retry-after", ""), h("server", ""),
            h("set-cookie", ""), h("strict-transport-security", ""), h("transfer-encoding", ""),
            h("user-agent", ""), h("vary", ""), h("via", ""), h("www-authenticate", ""));

    /** Number of static entries. */
    static final int SIZE = 61;

    private HpackStaticTable() {
    }

    /** Entry {@code index}, 1-based. */
    static Http2Header get(int index) {
        return ENTRIES.get(index - 1);
    }

    private static Http2Header h(String name, String value) {
        return new Http2Header(name, value);
    }
}
