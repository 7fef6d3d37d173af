package org.phonehome.proto;

import java.util.List;
import org.phonehome.flow.Direction;
import org.phonehome.flow.FlowInfo;
import org.phonehome.proto.dns.DnsMessage;
import org.phonehome.proto.http.HttpRequest;
import org.phonehome.proto.http.HttpResponse;
import org.phonehome.proto.tls.CertificateInfo;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;

/** Fans protocol events out to several listeners, in the order given. */
public final class ProtocolListeners implements ProtocolListener {
    private final List<ProtocolListener> listeners;

    private ProtocolListeners(List<ProtocolListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** One listener that tells each of {@code listeners} in turn. */
    public static ProtocolListener of(ProtocolListener... listeners) {
        return new ProtocolListeners(List.of(listeners));
    }

    @Override
    public void message(FlowInfo flow, Message message) {
        listeners.forEach(l -> l.message(flow, message));
    }

    @Override
    public void dns(FlowInfo flow, Direction direction, DnsMessage message, long frameNumber, long timeNanos) {
        listeners.forEach(l -> l.dns(flow, direction, message, frameNumber, timeNanos));
    }

    @Override
    public void httpRequest(FlowInfo flow, HttpRequest request) {
        listeners.forEach(l -> l.httpRequest(flow, request));
    }

    @Override
    public void httpResponse(FlowInfo flow, HttpResponse response) {
        listeners.forEach(l -> l.httpResponse(flow, response));
    }

    @Override
    public void http2Request(FlowInfo flow, org.phonehome.proto.http2.Http2Request request) {
        listeners.forEach(l -> l.http2Request(flow, request));
    }

    @Override
    public void clientHello(FlowInfo flow, ClientHello hello, boolean quic, long frameNumber, long timeNanos) {
        listeners.forEach(l -> l.clientHello(flow, hello, quic, frameNumber, timeNanos));
    }

    @Override
    public void serverHello(FlowInfo flow, ServerHello hello, boolean quic, long frameNumber, long timeNanos) {
        listeners.forEach(l -> l.serverHello(flow, hello, quic, frameNumber, timeNanos));
    }

    @Override
    public void certificates(FlowInfo flow, List<CertificateInfo> chain, long frameNumber, long timeNanos) {
        listeners.forEach(l -> l.certificates(flow, chain, frameNumber, timeNanos));
    }

    @Override
    public void flowEnded(NamedFlow flow) {
        listeners.forEach(l -> l.flowEnded(flow));
    }
}
