package org.phonehome.proto.tls.decrypt;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/** A {@link DecryptSink} that keeps everything, for tests. */
final class Recorder implements DecryptSink {
    final Map<Direction, ByteArrayOutputStream> plain = new EnumMap<>(Direction.class);
    final Map<Direction, Long> nextOffset = new EnumMap<>(Direction.class);
    final List<String> handshakes = new ArrayList<>();
    final List<String> alerts = new ArrayList<>();
    final List<String> anomalies = new ArrayList<>();

    Recorder() {
        for (Direction d : Direction.values()) {
            plain.put(d, new ByteArrayOutputStream());
            nextOffset.put(d, 0L);
        }
    }

    byte[] plain(Direction d) {
        return plain.get(d).toByteArray();
    }

    @Override
    public void plaintext(Direction direction, StreamChunk chunk) {
        if (chunk.streamOffset() != nextOffset.get(direction)) {
            throw new AssertionError("out of order: " + chunk.streamOffset());
        }
        nextOffset.put(direction, chunk.streamOffset() + chunk.length());
        plain.get(direction).write(chunk.data(), chunk.offset(), chunk.length());
    }

    @Override
    public void handshake(Direction direction, int type, byte[] body, long frameNumber, long timeNanos) {
        handshakes.add(direction + ":" + type);
    }

    @Override
    public void alert(Direction direction, int level, int description, long frameNumber, long timeNanos) {
        alerts.add(direction + ":" + level + "/" + description);
    }

    @Override
    public void anomaly(String name) {
        anomalies.add(name);
    }
}
