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
    /**
     * Told in plain loops: a capturing lambda per event costs an allocation through a method handle under the
     * client compiler the launcher runs (docs/PERFORMANCE.md), and these run for every message.
     */
    private final ProtocolListener[] listeners;

    private ProtocolListeners(List<ProtocolListener> listeners) {
        this.listeners = listeners.toArray(new ProtocolListener[0]);
    }

    /** One listener that tells each of {@code listeners} in turn. */
    public static ProtocolListener of(ProtocolListener... listeners) {
        return new ProtocolListeners(List.of(listeners));
    }

    @Override
    public void message(FlowInfo flow, Message message) {
        for (ProtocolListener l : listeners) {
            l.message(flow, message);
        }
    }

    @Override
    public void dns(FlowInfo flow, Direction direction, DnsMessage message, long frameNumber, long timeNanos) {
        for (ProtocolListener l : listeners) {
            l.dns(flow, direction, message, frameNumber, timeNanos);
        }
    }

    @Override
    public void httpRequest(FlowInfo flow, HttpRequest request) {
        for (ProtocolListener l : listeners) {
            l.httpRequest(flow, request);
        }
    }

    @Override
    public void httpResponse(FlowInfo flow, HttpResponse response) {
        for (ProtocolListener l : listeners) {
            l.httpResponse(flow, response);
        }
    }

    @Override
    public void http2Request(FlowInfo flow, org.phonehome.proto.http2.Http2Request request) {
        for (ProtocolListener l : listeners) {
            l.http2Request(flow, request);
        }
    }

    @Override
    public void http2Response(FlowInfo flow, org.phonehome.proto.http2.Http2Response response) {
        for (ProtocolListener l : listeners) {
            l.http2Response(flow, response);
        }
    }

    @Override
    public void clientHello(FlowInfo flow, ClientHello hello, boolean quic, long frameNumber, long timeNanos) {
        for (ProtocolListener l : listeners) {
            l.clientHello(flow, hello, quic, frameNumber, timeNanos);
        }
    }

    @Override
    public void serverHello(FlowInfo flow, ServerHello hello, boolean quic, long frameNumber, long timeNanos) {
        for (ProtocolListener l : listeners) {
            l.serverHello(flow, hello, quic, frameNumber, timeNanos);
        }
    }

    @Override
    public void certificates(FlowInfo flow, List<CertificateInfo> chain, long frameNumber, long timeNanos) {
        for (ProtocolListener l : listeners) {
            l.certificates(flow, chain, frameNumber, timeNanos);
        }
    }

    @Override
    public void flowEnded(NamedFlow flow) {
        for (ProtocolListener l : listeners) {
            l.flowEnded(flow);
        }
    }
}
