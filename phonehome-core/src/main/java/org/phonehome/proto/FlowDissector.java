package org.phonehome.proto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phonehome.Counters;
import org.phonehome.enrich.HostNames;
import org.phonehome.flow.Direction;
import org.phonehome.flow.FlowInfo;
import org.phonehome.flow.FlowSummary;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.http.HttpAnomalies;
import org.phonehome.proto.http.HttpHeader;
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
import org.phonehome.proto.quic.QuicInitialParser;
import org.phonehome.proto.quic.QuicSink;
import org.phonehome.proto.tls.CertificateInfo;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;
import org.phonehome.proto.tls.TlsParser;
import org.phonehome.proto.tls.TlsSink;

/** One flow's protocol state: the recognised protocol, its parser, and what names the destination. */
final class FlowDissector {
    private final FlowInfo flow;
    private final ProtocolListener listener;
    private final Counters counters;
    private final HostNames names;
    private final ProtocolLimits limits;
    private final ParserMemory memory;
    /** The worker's DNS parser and QUIC Initial engines, shared by its flows. */
    private final ParserScratch scratch;

    private String protocol;
    private String recognizedBy = "none";
    private boolean failed;

    private HttpParser http;
    private TlsParser tls;
    private DecryptedTls decrypted;
    private final TlsKeys keys;
    private TlsParser tunnelTls;
    private QuicInitialParser quic;
    private DnsDissector dns;
    private RawStream[] raw;

    /** First bytes held until the protocol can be told: a TLS record header and handshake type, or a method. */
    private static final int RECOGNITION_BYTES = 8;
    /** How much of the chunk that completes the held bytes recognition looks at. */
    private static final int RECOGNITION_WINDOW = 8192;
    private List<StreamChunk> pending;
    private Direction pendingDirection;
    private int pendingBytes;

    private String sni;
    private String httpHost;
    private String certificateName;

    FlowDissector(FlowInfo flow, ProtocolListener listener, Counters counters, HostNames names, TlsKeys keys,
                  ProtocolLimits limits, ParserMemory memory, ParserScratch scratch) {
        this.scratch = scratch;
        this.keys = keys;
        this.limits = limits;
        this.memory = memory;
        this.flow = flow;
        this.listener = listener;
        this.counters = counters;
        this.names = names;
    }

    String protocol() {
        return protocol == null ? "none" : protocol;
    }

    boolean failed() {
        return failed;
    }

    /** Parsing of this flow stops: what its parsers hold of messages under way is given back unreported. */
    void fail() {
        failed = true;
        if (http != null) {
            http.drop();
        }
        if (h2c != null) {
            h2c.drop();
        }
        if (decrypted != null) {
            decrypted.drop();
        }
        if (raw != null) {
            raw[0].drop();
            raw[1].drop();
        }
        if (tls != null) {
            tls.drop();
        }
        if (tunnelTls != null) {
            tunnelTls.drop();
        }
        if (dns != null) {
            dns.drop();
        }
        if (quic != null) {
            quic.drop();
        }
    }

    /**
     * Outbound bytes after which a flow's payload is sampled for the exfiltration check: it needs a megabyte, and a
     * sample kept by every small flow would cost a kilobyte each.
     */
    private static final long SAMPLE_AFTER_BYTES = 256 * 1024;
    private long outboundBytes;
    private org.phonehome.behaviour.PayloadSample sample;

    void payload(Direction dir, StreamChunk c) {
        if (dir == Direction.OUTBOUND) {
            outboundBytes += c.length();
            if (outboundBytes > SAMPLE_AFTER_BYTES) {
                if (sample == null) {
                    sample = new org.phonehome.behaviour.PayloadSample();
                }
                sample.add(c.data(), c.offset(), c.length());
            }
        }
        if (protocol == null) {
            if (!"udp".equals(flow.transport()) && holdForRecognition(dir, c)) {
                return;
            }
            if (pending != null) {
                recognizeHeld(dir, c);
                return;
            }
            recognize(c.data(), c.offset(), c.length());
        }
        dispatch(dir, c);
    }

    /**
     * Keeps the first bytes of a TCP flow until there are enough to recognise its protocol (a ClientHello split
     * after 3 bytes is still TLS). True when the chunk was held.
     */
    private boolean holdForRecognition(Direction dir, StreamChunk c) {
        if (pending == null && c.length() >= RECOGNITION_BYTES) {
            return false;
        }
        if (pending != null && (pendingDirection != dir || pendingBytes + c.length() >= RECOGNITION_BYTES)) {
            return false;
        }
        if (pending == null) {
            pending = new ArrayList<>();
            pendingDirection = dir;
        }
        pending.add(new StreamChunk(java.util.Arrays.copyOfRange(c.data(), c.offset(), c.offset() + c.length()), 0,
                c.length(), c.streamOffset(), c.frameNumber(), c.timestampNanos()));
        pendingBytes += c.length();
        return true;
    }

    /** Recognises from the held bytes (and {@code next}, when it continues them), then replays everything held. */
    private void recognizeHeld(Direction nextDir, StreamChunk next) {
        java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
        for (StreamChunk h : pending) {
            first.write(h.data(), h.offset(), h.length());
        }
        if (next != null && nextDir == pendingDirection) {
            first.write(next.data(), next.offset(), Math.min(next.length(), RECOGNITION_WINDOW));
        }
        byte[] b = first.toByteArray();
        recognize(b, 0, b.length);
        List<StreamChunk> held = pending;
        Direction heldDir = pendingDirection;
        pending = null;
        pendingBytes = 0;
        for (StreamChunk h : held) {
            dispatch(heldDir, h);
        }
        if (next != null) {
            dispatch(nextDir, next);
        }
    }

    private void dispatch(Direction dir, StreamChunk c) {
        boolean udp = "udp".equals(flow.transport());
        switch (protocol) {
            case "http" -> {
                if (udp) {
                    // HTTP over UDP (SSDP, HTTPU): every datagram is a message of its own.
                    HttpParser single = new HttpParser(new HttpEvents(), limits.http(), memory);
                    single.data(dir, new StreamChunk(c.data(), c.offset(), c.length(), 0, c.frameNumber(),
                            c.timestampNanos()));
                    single.end();
                } else {
                    http.data(dir, c);
                }
            }
            case "tls" -> {
                tls.data(dir, c);
                if (decrypted != null) {
                    decrypted.data(dir, c);
                }
            }
            case "http2" -> h2c.data(dir, c);
            case "quic" -> quic.datagram(dir, c);
            case "dns", "mdns", "llmnr" -> dns.data(dir, c, udp);
            default -> {
                if (udp) {
                    raw[dir.ordinal()].datagram(c);
                } else if (TlsParser.looksLikeTls(c.data(), c.offset(), c.length())) {
                    upgradeToTls(dir, c);
                } else {
                    raw[dir.ordinal()].data(c);
                }
            }
        }
    }

    /**
     * A TLS handshake starting inside a stream phonehome does not parse: STARTTLS in SMTP, IMAP, XMPP, or the
     * MySQL and PostgreSQL SSL requests. The clear-text part so far becomes messages; TLS is parsed from here on.
     */
    private void upgradeToTls(Direction dir, StreamChunk c) {
        raw[0].end();
        raw[1].end();
        counters.increment("tls_upgrade_in_stream");
        protocol = "tls";
        recognizedBy = "content";
        startTls();
        tls.data(dir, c);
        if (decrypted != null) {
            decrypted.data(dir, c);
        }
    }

    void gap(Direction dir, long offset, long length) {
        if (pending != null) {
            recognizeHeld(dir, null);
        }
        if (protocol == null) {
            return;
        }
        switch (protocol) {
            case "http" -> {
                if (http != null) {
                    http.gap(dir, offset, length);
                }
            }
            case "tls" -> {
                tls.gap(dir, offset, length);
                if (decrypted != null) {
                    decrypted.gap(dir, offset, length);
                }
            }
            case "http2" -> h2c.gap(dir, offset, length);
            case "dns", "mdns", "llmnr" -> dns.gap(dir);
            case "raw" -> raw[dir.ordinal()].gap();
            default -> {
            }
        }
    }

    void end() {
        if (pending != null) {
            recognizeHeld(pendingDirection, null);
        }
        if (protocol == null) {
            return;
        }
        switch (protocol) {
            case "http" -> {
                if (http != null) {
                    http.end();
                }
                if (tunnelTls != null) {
                    tunnelTls.end();
                }
            }
            case "tls" -> {
                tls.end();
                long encrypted = tls.stats().of(Direction.OUTBOUND).applicationDataBytes()
                        + tls.stats().of(Direction.INBOUND).applicationDataBytes();
                if (decrypted != null) {
                    decrypted.end();
                    encrypted -= decrypted.openedRecordBytes();
                }
                // What stays encrypted is not searched: say how much, so speed never hides skipped work.
                counters.add("tls_encrypted_bytes_not_scanned", Math.max(0, encrypted));
            }
            case "http2" -> h2c.end();
            case "quic" -> quic.end();
            case "dns", "mdns", "llmnr" -> dns.end();
            case "raw" -> {
                raw[0].end();
                raw[1].end();
            }
            default -> {
            }
        }
    }

    /** The flow with its protocol and destination name: SNI, then HTTP Host, then DNS, then certificate. */
    NamedFlow named(FlowSummary summary) {
        String host = sni;
        String source = "sni";
        if (host == null) {
            host = httpHost;
            source = "http_host";
        }
        if (host == null) {
            host = names.nameAt(flow.server().address(), flow.startNanos(), flow.firstFrame());
            source = "dns";
        }
        if (host == null) {
            host = certificateName;
            source = "certificate";
        }
        if (host == null) {
            source = null;
        }
        org.phonehome.behaviour.Upload upload = sample == null ? null : new org.phonehome.behaviour.Upload(
                host != null ? host : flow.server().address().toString(), flow.startNanos(), summary.endNanos(),
                summary.payloadOut(), summary.payloadIn(), sample,
                ("tls".equals(protocol) && decrypted == null) || "quic".equals(protocol));
        return new NamedFlow(summary, protocol(), recognizedBy, host, source, upload,
                decrypted == null ? java.util.Map.of() : decrypted.counts());
    }

    private void recognize(byte[] b, int off, int len) {
        ProtocolRecognizer.Verdict v = "udp".equals(flow.transport())
                ? ProtocolRecognizer.udp(b, off, len, flow.server().port(), flow.device().port())
                : ProtocolRecognizer.tcp(b, off, len, flow.server().port(), flow.device().port());
        protocol = v.protocol();
        recognizedBy = v.by();
        switch (protocol) {
            case "http" -> http = "udp".equals(flow.transport()) ? null
                    : new HttpParser(new HttpEvents(), limits.http(), memory);
            case "tls" -> startTls();
            case "http2" -> h2c = new Http2Parser(new H2cEvents(), limits.hpackTableBytes(),
                    limits.http().maxBodyBytes(), memory);
            case "quic" -> quic = new QuicInitialParser(new QuicEvents(), memory, scratch.quicInitial());
            case "dns", "mdns", "llmnr" -> dns = new DnsDissector(flow, listener, counters, names, memory,
                    scratch.dns());
            default -> raw = new RawStream[] {
                new RawStream(flow.id(), Direction.OUTBOUND, m -> listener.message(flow, m), memory, counters),
                new RawStream(flow.id(), Direction.INBOUND, m -> listener.message(flow, m), memory, counters)};
        }
    }

    private Http2Parser h2c;

    /** TLS parsing, and decryption when any secret is known. */
    private void startTls() {
        tls = new TlsParser(new TlsEvents(false), memory);
        if (keys != null && !keys.isEmpty()) {
            decrypted = new DecryptedTls(flow, keys.current(), listener, counters, limits, memory, a -> {
                if (httpHost == null) {
                    httpHost = hostOf(a);
                }
            });
        }
    }

    /** Cleartext HTTP/2 (h2c, prior knowledge). */
    private final class H2cEvents implements Http2Sink {
        @Override
        public void request(Http2Request r) {
            if (httpHost == null && r.authority() != null) {
                httpHost = hostOf(r.authority());
            }
            listener.http2Request(flow, r);
            listener.message(flow, Http2Messages.of(flow.id(), r, limits.http(), counters.incrementer()));
        }

        @Override
        public void response(Http2Response r) {
            listener.http2Response(flow, r);
            listener.message(flow, Http2Messages.of(flow.id(), r, limits.http(), counters.incrementer()));
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

    /** Host header value without port, lower case; for CONNECT the target's host. */
    private static String hostOf(String hostPort) {
        if (hostPort == null) {
            return null;
        }
        String h = hostPort.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            h = close > 0 ? h.substring(1, close) : h;
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
                h = h.substring(0, colon);
            }
        }
        return HostNames.normalize(h);
    }

    private final class HttpEvents implements HttpSink {
        @Override
        public void request(HttpRequest r) {
            if (httpHost == null) {
                String host = null;
                for (HttpHeader h : r.headers()) {
                    if (h.is("Host")) {
                        host = h.value();
                        break;
                    }
                }
                if (host == null && "CONNECT".equalsIgnoreCase(r.method())) {
                    host = r.target();
                }
                httpHost = hostOf(host);
            }
            listener.httpRequest(flow, r);
            listener.message(flow, HttpMessages.of(flow.id(), r, limits.http(),
                    counters.incrementer()));
        }

        @Override
        public void response(HttpResponse r) {
            listener.httpResponse(flow, r);
            listener.message(flow, HttpMessages.of(flow.id(), r, limits.http(),
                    counters.incrementer()));
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
            if (tunnelTls == null) {
                tunnelTls = new TlsParser(new TlsEvents(false), memory);
                counters.increment("http_connect_tunnel");
            }
            tunnelTls.data(direction, chunk);
        }

        @Override
        public void tunnelGap(Direction direction, long streamOffset, long length) {
            if (tunnelTls != null) {
                tunnelTls.gap(direction, streamOffset, length);
            }
        }
    }

    private final class TlsEvents implements TlsSink {
        private final boolean quicTransport;

        TlsEvents(boolean quicTransport) {
            this.quicTransport = quicTransport;
        }

        @Override
        public void clientHello(ClientHello ch, long frameNumber, long timeNanos) {
            if (sni == null && ch.sni() != null) {
                sni = HostNames.normalize(ch.sni());
            }
            if (!quicTransport && decrypted != null) {
                decrypted.clientHello(ch);
            }
            listener.clientHello(flow, ch, quicTransport, frameNumber, timeNanos);
        }

        @Override
        public void serverHello(ServerHello sh, long frameNumber, long timeNanos) {
            if (!quicTransport && decrypted != null) {
                decrypted.serverHello(sh);
            }
            listener.serverHello(flow, sh, quicTransport, frameNumber, timeNanos);
        }

        @Override
        public void certificates(List<CertificateInfo> chain, long frameNumber, long timeNanos) {
            if (certificateName == null && !chain.isEmpty()) {
                CertificateInfo leaf = chain.get(0);
                String name = leaf.subjectCn() != null ? leaf.subjectCn()
                        : leaf.sanDns().isEmpty() ? null : leaf.sanDns().get(0);
                if (name != null && !name.startsWith("*")) {
                    certificateName = HostNames.normalize(name);
                } else if (name != null) {
                    certificateName = HostNames.normalize(name.substring(name.indexOf('.') + 1));
                }
            }
            listener.certificates(flow, chain, frameNumber, timeNanos);
        }

        @Override
        public void anomaly(String name) {
            counters.increment(name);
        }
    }

    private final class QuicEvents implements QuicSink {
        private final TlsEvents hellos = new TlsEvents(true);

        @Override
        public void clientHello(ClientHello ch, long frameNumber, long timeNanos) {
            hellos.clientHello(ch, frameNumber, timeNanos);
        }

        @Override
        public void serverHello(ServerHello sh, long frameNumber, long timeNanos) {
            hellos.serverHello(sh, frameNumber, timeNanos);
        }

        @Override
        public void anomaly(String name) {
            counters.increment(name);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "flow %d %s", flow.id(), protocol());
    }
}
