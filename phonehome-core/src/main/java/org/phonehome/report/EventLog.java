package org.phonehome.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.phonehome.flow.Direction;
import org.phonehome.flow.FlowInfo;
import org.phonehome.proto.ProtocolListener;
import org.phonehome.proto.dns.DnsMessage;
import org.phonehome.proto.dns.DnsQuestion;
import org.phonehome.proto.dns.DnsRecord;
import org.phonehome.proto.http.HttpHeader;
import org.phonehome.proto.http.HttpRequest;
import org.phonehome.proto.http.HttpResponse;
import org.phonehome.proto.tls.CertificateInfo;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;

/**
 * Zeek-style protocol logs, one JSON object per line: {@code dns.jsonl}, {@code http.jsonl} and {@code tls.jsonl}
 * (TLS over TCP and QUIC Initials) in a folder. Every line names its flow and frames, so each event can be found in
 * Wireshark.
 */
public final class EventLog implements ProtocolListener, Closeable {
    private final JsonGenerator dns;
    private final JsonGenerator http;
    private final JsonGenerator tls;

    /** Creates (or replaces) the log files in {@code dir}, which must exist. */
    public EventLog(Path dir) throws IOException {
        JsonFactory f = new JsonFactory();
        dns = open(f, dir.resolve("dns.jsonl"));
        http = open(f, dir.resolve("http.jsonl"));
        tls = open(f, dir.resolve("tls.jsonl"));
    }

    private static JsonGenerator open(JsonFactory f, Path file) throws IOException {
        JsonGenerator g = f.createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8);
        g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        return g;
    }

    @Override
    public void dns(FlowInfo flow, Direction direction, DnsMessage m, long frameNumber, long timeNanos) {
        write(dns, g -> {
            head(g, flow, direction, frameNumber, timeNanos);
            g.writeNumberField("id", m.id());
            g.writeBooleanField("response", m.response());
            g.writeNumberField("rcode", m.rcode());
            g.writeArrayFieldStart("questions");
            for (DnsQuestion q : m.questions()) {
                g.writeStartObject();
                g.writeStringField("name", q.name());
                g.writeNumberField("type", q.type());
                g.writeEndObject();
            }
            g.writeEndArray();
            records(g, "answers", m.answers());
            records(g, "authorities", m.authorities());
            records(g, "additionals", m.additionals());
            if (m.anomaly() != null) {
                g.writeStringField("anomaly", m.anomaly());
            }
        });
    }

    private static void records(JsonGenerator g, String field, List<DnsRecord> records) throws IOException {
        g.writeArrayFieldStart(field);
        for (DnsRecord r : records) {
            g.writeStartObject();
            g.writeStringField("name", r.name());
            g.writeNumberField("type", r.type());
            g.writeNumberField("ttl", r.ttl());
            if (r.address() != null) {
                g.writeStringField("address", r.address().toString());
            }
            if (r.target() != null) {
                g.writeStringField("target", r.target());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    @Override
    public void httpRequest(FlowInfo flow, HttpRequest r) {
        write(http, g -> {
            head(g, flow, r.direction(), r.frames(), r.timestampNanos());
            g.writeStringField("type", "request");
            g.writeStringField("method", r.method());
            g.writeStringField("uri", r.target());
            g.writeStringField("version", r.version());
            g.writeStringField("host", header(r.headers(), "Host"));
            g.writeStringField("user_agent", header(r.headers(), "User-Agent"));
            g.writeNumberField("body_bytes", r.body().decoded().length);
            g.writeNumberField("body_not_kept_bytes", r.body().notKept());
            g.writeStringField("body_layers", String.join(",", r.body().layers()));
        });
    }

    @Override
    public void http2Request(FlowInfo flow, org.phonehome.proto.http2.Http2Request r) {
        write(http, g -> {
            head(g, flow, r.direction(), r.frames(), r.timestampNanos());
            g.writeStringField("type", "request");
            g.writeStringField("version", "HTTP/2");
            g.writeNumberField("stream", r.streamId());
            g.writeStringField("method", r.method());
            g.writeStringField("scheme", r.scheme());
            g.writeStringField("host", r.authority());
            g.writeStringField("uri", r.path());
            String ua = null;
            for (var h : r.headers()) {
                if (h.name().equalsIgnoreCase("user-agent")) {
                    ua = h.value();
                    break;
                }
            }
            g.writeStringField("user_agent", ua);
        });
    }

    @Override
    public void httpResponse(FlowInfo flow, HttpResponse r) {
        write(http, g -> {
            head(g, flow, r.direction(), r.frames(), r.timestampNanos());
            g.writeStringField("type", "response");
            g.writeNumberField("status", r.status());
            g.writeStringField("reason", r.reason());
            g.writeStringField("content_type", header(r.headers(), "Content-Type"));
            g.writeNumberField("body_bytes", r.body().decoded().length);
            g.writeNumberField("body_not_kept_bytes", r.body().notKept());
            g.writeStringField("body_layers", String.join(",", r.body().layers()));
        });
    }

    @Override
    public void clientHello(FlowInfo flow, ClientHello ch, boolean quic, long frameNumber, long timeNanos) {
        write(tls, g -> {
            head(g, flow, Direction.OUTBOUND, frameNumber, timeNanos);
            g.writeStringField("type", "client_hello");
            g.writeStringField("transport", quic ? "quic" : "tcp");
            g.writeStringField("sni", ch.sni());
            g.writeArrayFieldStart("alpn");
            for (String a : ch.alpn()) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeStringField("client_random", HexFormat.of().formatHex(ch.random()));
            g.writeStringField("ja3", ch.ja3());
            g.writeStringField("ja3_hash", ch.ja3Hash());
            g.writeStringField("ja4", ch.ja4(quic));
        });
    }

    @Override
    public void serverHello(FlowInfo flow, ServerHello sh, boolean quic, long frameNumber, long timeNanos) {
        write(tls, g -> {
            head(g, flow, Direction.INBOUND, frameNumber, timeNanos);
            g.writeStringField("type", sh.helloRetryRequest() ? "hello_retry_request" : "server_hello");
            g.writeStringField("transport", quic ? "quic" : "tcp");
            g.writeStringField("version", String.format("0x%04x", sh.version()));
            g.writeStringField("cipher_suite", String.format("0x%04x", sh.cipherSuite()));
            g.writeStringField("alpn", sh.alpn());
        });
    }

    @Override
    public void certificates(FlowInfo flow, List<CertificateInfo> chain, long frameNumber, long timeNanos) {
        write(tls, g -> {
            head(g, flow, Direction.INBOUND, frameNumber, timeNanos);
            g.writeStringField("type", "certificate");
            g.writeArrayFieldStart("chain");
            for (CertificateInfo c : chain) {
                g.writeStartObject();
                g.writeStringField("subject_cn", c.subjectCn());
                g.writeStringField("issuer_cn", c.issuerCn());
                g.writeArrayFieldStart("san_dns");
                for (String s : c.sanDns()) {
                    g.writeString(s);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static String header(List<HttpHeader> headers, String name) {
        for (HttpHeader h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }

    private static void head(JsonGenerator g, FlowInfo flow, Direction dir, long frame, long time) throws IOException {
        head(g, flow, dir, List.of(frame), time);
    }

    private static void head(JsonGenerator g, FlowInfo flow, Direction dir, List<Long> frames, long time)
            throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("frames");
        for (long f : frames) {
            g.writeNumber(f);
        }
        g.writeEndArray();
        g.writeStringField("time", Times.iso(time));
        g.writeNumberField("flow", flow.id());
        g.writeStringField("direction", dir.jsonName());
        g.writeStringField("device", flow.device().toString());
        g.writeStringField("server", flow.server().toString());
    }

    /** Writes one line: an object the body fills after the common head. */
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static void write(JsonGenerator g, Body body) {
        try {
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (JsonGenerator g : List.of(dns, http, tls)) {
            g.writeRaw('\n');
            g.close();
        }
    }
}
