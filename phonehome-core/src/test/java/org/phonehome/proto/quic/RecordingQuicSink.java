package org.phonehome.proto.quic;

import java.util.ArrayList;
import java.util.List;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;

/** A {@link QuicSink} that keeps everything. */
final class RecordingQuicSink implements QuicSink {
    final List<ClientHello> clientHellos = new ArrayList<>();
    final List<ServerHello> serverHellos = new ArrayList<>();
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
    }

    @Override
    public void anomaly(String name) {
        anomalies.add(name);
    }
}
