package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.phonehome.capture.CaptureReader;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.Captures;

/**
 * The capture readers (pcap, pcap-ns, pcapng, each optionally gzip-compressed) on any bytes: records come out or an
 * {@link IOException} (not a capture, damaged at an offset) ends the stream; nothing else may escape.
 */
class CaptureFuzzTest {

    @FuzzTest
    void readsAnyBytes(byte[] data) {
        try (CaptureReader reader = Captures.open(new ByteArrayInputStream(data), "fuzz.pcap")) {
            assertThat(reader.format()).isNotEmpty();
            CapturedPacket p;
            while ((p = reader.next()) != null) {
                assertThat(p.data()).isNotNull();
                assertThat(reader.offset()).isNotNegative();
            }
            reader.secrets().forEach(s -> assertThat(s).isNotNull());
            reader.counters().snapshot();
        } catch (IOException expected) {
            // documented: not a capture, or damaged at a named offset
        }
    }
}
