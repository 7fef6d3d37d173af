package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.phonehome.report.Audit;
import org.phonehome.testing.AuditFixture;
import org.phonehome.testing.Traffic;

/**
 * A connection that pauses for hours in the middle of a request is still one connection: the request is
 * reassembled whole and the identifier split across the pause is found, with one thread and with two.
 */
class PausedConnectionTest {

    private static byte[] pausedRequest(long pauseNanos) {
        Traffic t = new Traffic();
        byte[] request = AuditFixture.ascii("GET /t?imei=" + AuditFixture.IMEI
                + " HTTP/1.1\r\nHost: a.example\r\n\r\n");
        int cut = 20; // inside the IMEI
        Traffic.Session s = t.tcp(AuditFixture.DEVICE, 40000, "203.0.113.5", 80)
                .send(java.util.Arrays.copyOfRange(request, 0, cut));
        t.advance(pauseNanos);
        s.send(java.util.Arrays.copyOfRange(request, cut, request.length))
                .reply(AuditFixture.ascii("HTTP/1.1 204 No Content\r\n\r\n")).close();
        return t.pcap();
    }

    private static Audit audit(byte[] pcap, int threads) throws IOException {
        return new Auditor().audit(new AuditRequest(
                List.of(CaptureInput.stream("paused.pcap", new ByteArrayInputStream(pcap))), null, true,
                AuditRequest.Progress.NONE, null, AuditFixture.profile(), null, null, null, null, null, threads));
    }

    @Test
    void requestPausedForHoursIsFoundWhole() throws IOException {
        byte[] pcap = pausedRequest(TimeUnit.HOURS.toNanos(6));
        for (int threads : new int[] {1, 2}) {
            Audit a = audit(pcap, threads);
            assertThat(AuditFixture.hostsSent(a, "imei")).as("%d threads", threads).containsExactly("a.example");
            assertThat(a.flows()).as("%d threads", threads).hasSize(1);
            assertThat(AuditFixture.anomalies(a)).doesNotContainKey("tcp_mid_stream_start");
        }
    }

    @Test
    void connectionIdleForMoreThanADayEnds() throws IOException {
        Audit a = audit(pausedRequest(TimeUnit.HOURS.toNanos(25)), 1);
        assertThat(AuditFixture.hostsSent(a, "imei")).isEmpty();
        assertThat(a.flows()).hasSize(2);
        assertThat(AuditFixture.anomalies(a)).containsEntry("flow_idle_timeout", 1L)
                .containsKey("tcp_mid_stream_start");
    }
}
