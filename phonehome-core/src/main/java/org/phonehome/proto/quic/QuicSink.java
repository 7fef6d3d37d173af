package org.phonehome.proto.quic;

import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;

/** Receives what a {@link QuicInitialParser} finds in one UDP flow. */
public interface QuicSink {

    /** The client's ClientHello, once its CRYPTO data is complete; frame/time of the datagram that completed it. */
    void clientHello(ClientHello ch, long frameNumber, long timeNanos);

    /** The server's ServerHello from its Initial packets; ignored unless overridden. */
    default void serverHello(ServerHello sh, long frameNumber, long timeNanos) {
    }

    /** A named anomaly (see {@link QuicAnomalies}); also counted in {@link QuicStats#anomalies()}. */
    void anomaly(String name);
}
