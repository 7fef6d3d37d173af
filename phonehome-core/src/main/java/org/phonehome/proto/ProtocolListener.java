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

/**
 * What the protocol stage tells later stages (detection, naming, logs). Calls for one flow come in stream order;
 * every method has an empty default.
 */
public interface ProtocolListener {

    /** A protocol-neutral message (an HTTP request or response, a DNS question, a raw stream piece). */
    default void message(FlowInfo flow, Message message) {
    }

    /** A DNS message over UDP or TCP (also mDNS and LLMNR). */
    default void dns(FlowInfo flow, Direction direction, DnsMessage message, long frameNumber, long timeNanos) {
    }

    /** An HTTP/1.x request. */
    default void httpRequest(FlowInfo flow, HttpRequest request) {
    }

    /** An HTTP/1.x response. */
    default void httpResponse(FlowInfo flow, HttpResponse response) {
    }

    /** An HTTP/2 request (decrypted or h2c). */
    default void http2Request(FlowInfo flow, org.phonehome.proto.http2.Http2Request request) {
    }

    /** An HTTP/2 response (decrypted or h2c). */
    default void http2Response(FlowInfo flow, org.phonehome.proto.http2.Http2Response response) {
    }

    /** A TLS ClientHello, over TCP or inside a QUIC Initial ({@code quic} true). */
    default void clientHello(FlowInfo flow, ClientHello hello, boolean quic, long frameNumber, long timeNanos) {
    }

    /** A TLS ServerHello, over TCP or inside a QUIC Initial. */
    default void serverHello(FlowInfo flow, ServerHello hello, boolean quic, long frameNumber, long timeNanos) {
    }

    /** The server's certificate chain, seen in clear (TLS 1.2 and older). */
    default void certificates(FlowInfo flow, List<CertificateInfo> chain, long frameNumber, long timeNanos) {
    }

    /** A flow ended, with the protocol and name the stage gave it; the last call for the flow. */
    default void flowEnded(NamedFlow flow) {
    }
}
