package org.phonehome.proto.tls;

import java.util.ArrayList;
import java.util.List;

/** A {@link TlsSink} that keeps everything, with the frame numbers it was told. */
final class RecordingTlsSink implements TlsSink {
    final List<ClientHello> clientHellos = new ArrayList<>();
    final List<ServerHello> serverHellos = new ArrayList<>();
    final List<List<CertificateInfo>> chains = new ArrayList<>();
    final List<String> anomalies = new ArrayList<>();
    final List<Long> frames = new ArrayList<>();

    @Override
    public void clientHello(ClientHello ch, long frameNumber, long timeNanos) {
        clientHellos.add(ch);
        frames.add(frameNumber);
    }

    @Override
    public void serverHello(ServerHello sh, long frameNumber, long timeNanos) {
        serverHellos.add(sh);
        frames.add(frameNumber);
    }

    @Override
    public void certificates(List<CertificateInfo> chain, long frameNumber, long timeNanos) {
        chains.add(chain);
        frames.add(frameNumber);
    }

    @Override
    public void anomaly(String name) {
        anomalies.add(name);
    }
}
