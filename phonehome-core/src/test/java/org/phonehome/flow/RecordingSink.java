package org.phonehome.flow;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A {@link StreamSink} that records what a reassembler emits, checking that calls tile the stream in order. */
final class RecordingSink implements StreamSink {
    /** One emitted event: data ({@code bytes != null}) or a gap. */
    record Event(long offset, long length, byte[] bytes, long frame) {
        boolean isGap() {
            return bytes == null;
        }

        @Override
        public String toString() {
            return isGap() ? "gap(" + offset + "," + length + ")" : "data(" + offset + ",\"" + new String(bytes,
                    java.nio.charset.StandardCharsets.ISO_8859_1) + "\")";
        }
    }

    final List<Event> events = new ArrayList<>();
    final TreeMap<String, Long> anomalies = new TreeMap<>();
    private long next = -1;

    @Override
    public void data(StreamChunk c) {
        check(c.streamOffset());
        byte[] copy = java.util.Arrays.copyOfRange(c.data(), c.offset(), c.offset() + c.length());
        events.add(new Event(c.streamOffset(), c.length(), copy, c.frameNumber()));
        next = c.streamOffset() + c.length();
    }

    @Override
    public void gap(long streamOffset, long length) {
        check(streamOffset);
        events.add(new Event(streamOffset, length, null, -1));
        next = streamOffset + length;
    }

    @Override
    public void anomaly(String name, long count) {
        anomalies.merge(name, count, Long::sum);
    }

    private void check(long offset) {
        if (next >= 0 && offset != next) {
            throw new AssertionError("emitted at " + offset + " but the stream was at " + next + ": " + events);
        }
    }

    long anomaly(String name) {
        return anomalies.getOrDefault(name, 0L);
    }

    /** All data bytes joined (gaps skipped). */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Event e : events) {
            if (!e.isGap()) {
                out.writeBytes(e.bytes());
            }
        }
        return out.toByteArray();
    }

    String text() {
        return new String(bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    List<long[]> gaps() {
        List<long[]> g = new ArrayList<>();
        for (Event e : events) {
            if (e.isGap()) {
                g.add(new long[] {e.offset(), e.length()});
            }
        }
        return g;
    }

    List<String> described() {
        return events.stream().map(Event::toString).toList();
    }
}
