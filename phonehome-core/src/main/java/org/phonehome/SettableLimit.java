package org.phonehome;

import java.util.Locale;
import org.phonehome.detect.scan.ScanLimits;
import org.phonehome.flow.FlowBudget;
import org.phonehome.flow.FlowConfig;
import org.phonehome.flow.TcpLimits;
import org.phonehome.net.NetLimits;
import org.phonehome.proto.http.HttpLimits;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.http2.Http2Limits;

/**
 * The bounds a user may set, by the name {@code phonehome audit --limit NAME=VALUE} takes. Each names the anomaly
 * (or anomalies) of the report's {@code capture.anomalies} that counts what hitting it cut. Every other bound is
 * fixed: a protocol defines it (a DNS name is at most 255 octets, RFC 1035) or no real capture comes near it
 * (docs/LIMITS.md lists them all). {@code scripts/limits-doc} reads this file for the "Settable limits" table: keep
 * each constant as {@code NAME("name", Unit.X, DEFAULT_CONSTANT, min, max, "anomaly", "meaning")}.
 */
public enum SettableLimit {
    FLOWS("flows", Unit.COUNT, FlowConfig.DEFAULT_MAX_FLOWS, 1, Integer.MAX_VALUE, "flow_evicted",
            "flows held at once; when full, the least recently active one ends. By default what half the heap "
            + "affords at 3 KB a flow, at most 1,000,000; with several threads they share it: each may always "
            + "hold half its even share, takes more from the rest as it needs and gives room it no longer uses "
            + "back; when none is left, the thread that needs room ends its own least recently active flow (a "
            + "thread that holds none still takes the flow it is given: one over the limit per thread at most); a "
            + "worker holds 134,217,728 at most, whatever the limit (its flow map's slots fit one array)"),
    TCP_BUFFERED_BYTES("tcp-buffered-bytes", Unit.SIZE, TcpLimits.DEFAULT_MAX_BUFFERED_BYTES, 1024, 1 << 30,
            "tcp_ooo_buffer_full, tcp_seq_jump",
            "out-of-order bytes one direction of a TCP connection holds while waiting for a hole to fill; also how "
            + "far ahead a segment may start before it is a sequence jump"),
    TCP_BUFFERED_SEGMENTS("tcp-buffered-segments", Unit.COUNT, TcpLimits.DEFAULT_MAX_BUFFERED_SEGMENTS, 1,
            1 << 24, "tcp_ooo_buffer_full", "out-of-order segments one direction of a TCP connection holds"),
    TCP_BUFFERED_TOTAL("tcp-buffered-total", Unit.SIZE, FlowBudget.DEFAULT_MAX_BUFFERED_BYTES, 1024, 1L << 40,
            "tcp_ooo_memory_full",
            "out-of-order bytes all TCP connections of an audit hold together; past it a connection stops waiting "
            + "for its hole. By default an eighth of the heap, at most 1G"),
    IP_FRAGMENT_BYTES("ip-fragment-bytes", Unit.SIZE, NetLimits.DEFAULT_MAX_HELD_BYTES, 0, 1L << 40,
            "ip_fragment_limit", "bytes held in all incomplete IP fragment sets together"),
    PARSER_HELD_TOTAL("parser-held-total", Unit.SIZE, ParserMemory.DEFAULT_MAX_BYTES, 1 << 20, 1L << 40,
            "http_memory_full, http2_memory_full, raw_memory_full, tls_memory_full, quic_memory_full, "
            + "dns_memory_full",
            "what the protocol parsers of all flows of an audit hold together of unfinished messages (HTTP/1.x and "
            + "HTTP/2 headers and bodies, raw streams' bytes, TLS handshake messages, QUIC CRYPTO streams, DNS "
            + "messages over TCP); past it an HTTP message keeps no more and is reported truncated, a raw stream's "
            + "message ends early, a TLS direction stops, a QUIC hello or a DNS message is skipped. By default an "
            + "eighth of the heap, at most 1G"),
    HTTP_HEAD_BYTES("http-head-bytes", Unit.SIZE, HttpLimits.DEFAULT_MAX_HEAD_BYTES, 64, 1 << 30,
            "http_header_too_large", "start line and headers of one HTTP/1.x message"),
    HTTP_BODY_BYTES("http-body-bytes", Unit.SIZE, HttpLimits.DEFAULT_MAX_BODY_BYTES, 0, 1 << 30,
            "http_body_truncated, http2_body_truncated",
            "body bytes kept of one HTTP/1.x or HTTP/2 message, as sent; the rest is counted, not searched"),
    HTTP_DECODED_BYTES("http-decoded-bytes", Unit.SIZE, HttpLimits.DEFAULT_MAX_DECODED_BYTES, 0, 1 << 30,
            "http_decompression_bomb", "output of undoing one HTTP body's Content-Encoding (gzip, deflate, br, zstd)"),
    HTTP_DECOMPRESSION_RATIO("http-decompression-ratio", Unit.COUNT, HttpLimits.DEFAULT_MAX_DECOMPRESSION_RATIO, 1,
            Integer.MAX_VALUE, "http_decompression_bomb",
            "decoded bytes per body byte when undoing Content-Encoding (one deflate layer tops out near 1032)"),
    HPACK_TABLE_BYTES("hpack-table-bytes", Unit.SIZE, Http2Limits.MAX_HEADER_TABLE_SIZE, 4096, 1 << 30,
            "http2_header_table_limit",
            "HPACK dynamic table kept per HTTP/2 direction; an encoder growing its table past it stops that "
            + "direction"),
    SCAN_DEPTH("scan-depth", Unit.COUNT, ScanLimits.DEFAULT_MAX_DEPTH, 0, 1024, "scan_depth_limit",
            "containers (base64, hex, URL encoding, JSON escapes, gzip/zlib) opened inside one another when "
            + "searching one part of a message"),
    SCAN_DECODED_BYTES("scan-decoded-bytes", Unit.SIZE, ScanLimits.DEFAULT_MAX_DECODED_BYTES, 0, 1 << 30,
            "scan_decoded_bytes_limit", "bytes all decoders together produce when searching one part of a message"),
    SCAN_INFLATE_BYTES("scan-inflate-bytes", Unit.SIZE, ScanLimits.DEFAULT_MAX_INFLATE_BYTES, 0, 1 << 30,
            "scan_inflate_size_limit", "output of one gzip/zlib stream found inside a message"),
    SCAN_INFLATE_RATIO("scan-inflate-ratio", Unit.COUNT, ScanLimits.DEFAULT_MAX_INFLATE_RATIO, 1,
            Integer.MAX_VALUE, "scan_inflate_ratio_limit",
            "output bytes per compressed byte of one gzip/zlib stream found inside a message, checked past 1 MiB");

    /** How a value is written. */
    public enum Unit {
        /** Bytes: a whole number, optionally with k, M or G (binary: 64k = 65,536). */
        SIZE,
        /** A whole number. */
        COUNT
    }

    private final String limitName;
    private final Unit unit;
    private final long defaultValue;
    private final long min;
    private final long max;
    private final String anomalies;
    private final String meaning;

    SettableLimit(String limitName, Unit unit, long defaultValue, long min, long max, String anomalies,
                  String meaning) {
        this.limitName = limitName;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.anomalies = anomalies;
        this.meaning = meaning;
    }

    /** The name {@code --limit} takes. */
    public String limitName() {
        return limitName;
    }

    public Unit unit() {
        return unit;
    }

    /** The built-in value ({@link #FLOWS}: the most the heap-based default ever is). */
    public long defaultValue() {
        return defaultValue;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** The report's anomaly names that count what hitting this limit cut, comma-separated. */
    public String anomalies() {
        return anomalies;
    }

    /** What the limit bounds, for help texts. */
    public String meaning() {
        return meaning;
    }

    /** The limit called {@code name}, or null. */
    public static SettableLimit named(String name) {
        for (SettableLimit l : values()) {
            if (l.limitName.equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** Every name, comma-separated, for messages. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (SettableLimit l : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(l.limitName);
        }
        return sb.toString();
    }

    /**
     * Reads a value as written on the command line.
     *
     * @throws IllegalArgumentException one sentence saying what is wrong
     */
    public long parse(String text) {
        String t = text.strip();
        long multiplier = 1;
        if (unit == Unit.SIZE && !t.isEmpty()) {
            String lower = t.toLowerCase(Locale.ROOT);
            for (String suffix : new String[] {"ib", "b"}) {
                if (lower.length() > suffix.length() + 1 && lower.endsWith(suffix)
                        && "kmg".indexOf(lower.charAt(lower.length() - suffix.length() - 1)) >= 0) {
                    lower = lower.substring(0, lower.length() - suffix.length());
                    break;
                }
            }
            char last = lower.charAt(lower.length() - 1);
            int shift = "kmg".indexOf(last);
            if (shift >= 0) {
                multiplier = 1L << (10 * (shift + 1));
                lower = lower.substring(0, lower.length() - 1);
            }
            t = lower;
        }
        long value;
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("--limit " + limitName + "=" + text + ": the value must be "
                    + (unit == Unit.SIZE ? "a size in bytes such as 65536, 64k, 16M or 1G" : "a whole number"));
        }
        value = Long.parseLong(t);
        if (value > max / multiplier || value * multiplier < min) {
            throw new IllegalArgumentException("--limit " + limitName + "=" + text + ": the value must be from "
                    + format(min) + " to " + format(max));
        }
        return value * multiplier;
    }

    /** A value as {@code --limit help} shows it: sizes in the largest binary unit that divides them. */
    public String format(long value) {
        if (unit == Unit.SIZE && value > 0) {
            String[] suffixes = {"G", "M", "k"};
            for (int i = 0; i < suffixes.length; i++) {
                long u = 1L << (10 * (3 - i));
                if (value % u == 0) {
                    return (value / u) + suffixes[i];
                }
            }
        }
        return Long.toString(value);
    }
}
