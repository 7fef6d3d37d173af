package org.phonehome.proto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.phonehome.Counters;
import org.phonehome.flow.Direction;
import org.phonehome.flow.FlowInfo;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.http.HttpAnomalies;
import org.phonehome.proto.http.HttpMessages;
import org.phonehome.proto.http.HttpParser;
import org.phonehome.proto.http.HttpRequest;
import org.phonehome.proto.http.HttpResponse;
import org.phonehome.proto.http.HttpSink;
import org.phonehome.proto.http2.Http2Anomalies;
import org.phonehome.proto.http2.Http2Messages;
import org.phonehome.proto.http2.Http2Parser;
import org.phonehome.proto.http2.Http2Request;
import org.phonehome.proto.http2.Http2Response;
import org.phonehome.proto.http2.Http2Sink;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;
import org.phonehome.proto.tls.TlsConstants;
import org.phonehome.proto.tls.decrypt.DecryptSink;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.proto.tls.decrypt.TlsDecryptor;

/**
 * One TLS flow seen from inside, when its keys are known: the decryptor's plaintext goes to HTTP/2 (ALPN {@code h2}
 * or the connection preface), HTTP/1.x, or raw streams, and every message gets {@code tls} (and {@code http2}) in
 * front of its layers, so a finding says it was reached by decryption.
 */
final class DecryptedTls {
    private final FlowInfo flow;
    private final ProtocolListener listener;
    private final Counters counters;
    private final Consumer<String> authority;
    private final ProtocolLimits limits;
    private final ParserMemory memory;
    private final TlsDecryptor decryptor;
    private String alpn;
    private HttpParser http;
    private Http2Parser http2;
    private RawStream[] raw;

    DecryptedTls(FlowInfo flow, KeyLog keys, ProtocolListener listener, Counters counters, ProtocolLimits limits,
                 ParserMemory memory, Consumer<String> authority) {
        this.flow = flow;
        this.limits = limits;
        this.memory = memory;
        this.listener = listener;
        this.counters = counters;
        this.authority = authority;
        this.decryptor = new TlsDecryptor(keys, new Plaintext());
    }

    void clientHello(ClientHello ch) {
        decryptor.clientHello(ch);
    }

    void serverHello(ServerHello sh) {
        if (!sh.helloRetryRequest()) {
            alpn = sh.alpn();
        }
        decryptor.serverHello(sh);
    }

    void data(Direction dir, StreamChunk c) {
        decryptor.data(dir, c);
    }

    void gap(Direction dir, long offset, long length) {
        decryptor.gap(dir, offset, length);
    }

    /** Gives back what the parsers hold of messages under way: the flow's parsing stopped. */
    void drop() {
        if (http != null) {
            http.drop();
        }
        if (http2 != null) {
            http2.drop();
        }
        if (raw != null) {
            raw[0].drop();
            raw[1].drop();
        }
    }

    void end() {
        decryptor.end();
        if (http != null) {
            http.end();
        }
        if (http2 != null) {
            http2.end();
        }
        if (raw != null) {
            raw[0].end();
            raw[1].end();
        }
        for (Direction d : Direction.values()) {
            counters.add("tls_decrypted_bytes", decryptor.stats().of(d).applicationBytes());
        }
    }

    /** Records decrypted, without keys and failed on this flow, by name: the flow's own decryption account. */
    java.util.Map<String, Long> counts() {
        java.util.TreeMap<String, Long> out = new java.util.TreeMap<>();
        long ok = 0;
        long noKeys = 0;
        long failed = 0;
        for (Direction d : Direction.values()) {
            ok += decryptor.stats().of(d).recordsDecrypted();
            noKeys += decryptor.stats().of(d).recordsWithoutKeys();
            failed += decryptor.stats().of(d).recordsFailed();
        }
        if (ok > 0) {
            out.put("tls_records_decrypted", ok);
        }
        if (noKeys > 0) {
            out.put("tls_records_without_keys", noKeys);
        }
        if (failed > 0) {
            out.put("tls_records_failed", failed);
        }
        return out;
    }

    /** Bytes of application-data records the keys opened, as on the wire (tags and padding included). */
    long openedRecordBytes() {
        return decryptor.stats().of(Direction.OUTBOUND).openedRecordBytes()
                + decryptor.stats().of(Direction.INBOUND).openedRecordBytes();
    }

    private void choose(StreamChunk first) {
        if ("h2".equals(alpn) || Http2Parser.looksLikeHttp2(first.data(), first.offset(), first.length())) {
            http2 = new Http2Parser(new H2(), limits.hpackTableBytes(), limits.http().maxBodyBytes(), memory);
        } else if (ProtocolRecognizer.looksLikeHttp(first.data(), first.offset(), first.length())
                || "http/1.1".equals(alpn)) {
            http = new HttpParser(new H1(), limits.http(), memory);
        } else {
            raw = new RawStream[] {
                new RawStream(flow.id(), Direction.OUTBOUND, m -> listener.message(flow, inside(m)), memory,
                        counters),
                new RawStream(flow.id(), Direction.INBOUND, m -> listener.message(flow, inside(m)), memory,
                        counters)};
        }
    }

    /** The message as reached through TLS (and HTTP/2): those layers go first. */
    private static Message inside(Message m, String... more) {
        return m.mapParts(m.protocol(), p -> {
            List<String> layers = new ArrayList<>(p.layers().size() + 2);
            layers.add("tls");
            layers.addAll(List.of(more));
            layers.addAll(p.layers());
            return new MessagePart(p.kind(), p.name(), p.value(), layers);
        });
    }

    private final class Plaintext implements DecryptSink {
        @Override
        public void plaintext(Direction direction, StreamChunk chunk) {
            if (http == null && http2 == null && raw == null) {
                choose(chunk);
            }
            if (http2 != null) {
                http2.data(direction, chunk);
            } else if (http != null) {
                http.data(direction, chunk);
            } else {
                raw[direction.ordinal()].data(chunk);
            }
        }

        @Override
        public void handshake(Direction direction, int type, byte[] body, long frameNumber, long timeNanos) {
            // TLS 1.3 carries the server's ALPN choice in the encrypted EncryptedExtensions, not the ServerHello.
            if (type == ENCRYPTED_EXTENSIONS && direction == Direction.INBOUND && alpn == null) {
                alpn = alpnOf(body);
            }
        }

        @Override
        public void anomaly(String name) {
            counters.increment(name);
        }
    }

    private static final int ENCRYPTED_EXTENSIONS = 8;

    /** The protocol named by the ALPN extension of an EncryptedExtensions body, or null (absent or malformed). */
    static String alpnOf(byte[] b) {
        if (b.length < 2) {
            return null;
        }
        int end = Math.min(b.length, 2 + (((b[0] & 0xff) << 8) | (b[1] & 0xff)));
        int pos = 2;
        while (end - pos >= 4) {
            int type = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
            int len = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            pos += 4;
            if (len > end - pos) {
                return null;
            }
            if (type == TlsConstants.EXT_ALPN) {
                // ProtocolNameList: u16 length, then one u8-prefixed name (the server picks exactly one)
                if (len < 3 || b[pos + 2] == 0 || (b[pos + 2] & 0xff) > len - 3) {
                    return null;
                }
                return new String(b, pos + 3, b[pos + 2] & 0xff, StandardCharsets.ISO_8859_1);
            }
            pos += len;
        }
        return null;
    }

    private final class H1 implements HttpSink {
        @Override
        public void request(HttpRequest r) {
            for (var h : r.headers()) {
                if (h.is("Host")) {
                    authority.accept(h.value());
                    break;
                }
            }
            listener.httpRequest(flow, r);
            listener.message(flow, inside(HttpMessages.of(flow.id(), r, limits.http(), counters::increment)));
        }

        @Override
        public void response(HttpResponse r) {
            listener.httpResponse(flow, r);
            listener.message(flow, inside(HttpMessages.of(flow.id(), r, limits.http(), counters::increment)));
        }

        @Override
        public void anomaly(String name) {
            counters.increment(name);
        }

        @Override
        public void bodyBytesNotScanned(long bytes) {
            counters.add(HttpAnomalies.BODY_BYTES_NOT_SCANNED, bytes);
        }

        @Override
        public void tunnel(Direction direction, StreamChunk chunk) {
            counters.increment("http_tunnel_inside_tls_not_followed");
        }
    }

    private final class H2 implements Http2Sink {
        @Override
        public void request(Http2Request r) {
            if (r.authority() != null) {
                authority.accept(r.authority());
            }
            listener.http2Request(flow, r);
            listener.message(flow, inside(Http2Messages.of(flow.id(), r, limits.http(), counters::increment), "http2"));
        }

        @Override
        public void response(Http2Response r) {
            listener.http2Response(flow, r);
            listener.message(flow, inside(Http2Messages.of(flow.id(), r, limits.http(), counters::increment), "http2"));
        }

        @Override
        public void anomaly(String name) {
            counters.increment(name);
        }

        @Override
        public void bodyBytesNotScanned(long bytes) {
            counters.add(Http2Anomalies.BODY_BYTES_NOT_SCANNED, bytes);
        }
    }
}
