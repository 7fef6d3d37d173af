package org.phonehome.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: open a capture held in memory and read all of it. */
final class Read {
    private Read() {
    }

    static CaptureReader open(byte[] capture) throws IOException {
        return Captures.open(new ByteArrayInputStream(capture), "test.pcap");
    }

    /** Every packet up to the clean end; any damage propagates. */
    static List<CapturedPacket> all(CaptureReader reader) throws IOException {
        List<CapturedPacket> packets = new ArrayList<>();
        CapturedPacket p;
        while ((p = reader.next()) != null) {
            packets.add(p);
        }
        return packets;
    }

    static List<CapturedPacket> all(byte[] capture) throws IOException {
        try (CaptureReader reader = open(capture)) {
            return all(reader);
        }
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }
}
