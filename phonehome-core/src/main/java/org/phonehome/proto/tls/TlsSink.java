package org.phonehome.proto.tls;

import java.util.List;

/** Receives what a {@link TlsParser} finds in one TCP flow, in stream order. */
public interface TlsSink {

    /** A complete ClientHello; {@code frameNumber}/{@code timeNanos} are those of the segment that completed it. */
    void clientHello(ClientHello ch, long frameNumber, long timeNanos);

    /** A complete ServerHello or HelloRetryRequest ({@link ServerHello#helloRetryRequest()}). */
    void serverHello(ServerHello sh, long frameNumber, long timeNanos);

    /** The certificates of a clear-text (TLS 1.2 or older) Certificate message, leaf first; unparsable ones left out. */
    void certificates(List<CertificateInfo> chain, long frameNumber, long timeNanos);

    /** A named anomaly (see {@link TlsAnomalies}); also counted in {@link TlsStats#anomalies()}. */
    void anomaly(String name);
}
