package org.phonehome.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.phonehome.AuditRequest;
import org.phonehome.Auditor;
import org.phonehome.CaptureInput;
import org.phonehome.Limits;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.report.Audit;
import org.phonehome.report.Finding;

/**
 * Whole audits of captures built in a test, with a device profile naming an IMEI ({@link #IMEI}), which tests plant
 * where it must be found, and a canary ({@link #CANARY}), which they plant past a bound where it must not.
 */
public final class AuditFixture {
    /** The device's address in every capture. */
    public static final String DEVICE = "192.168.31.100";
    /** A Luhn-valid IMEI of the profile. */
    public static final String IMEI = "864048021234563";
    /** A canary string of the profile (identifier {@code canary}). */
    public static final String CANARY = "PHCANARY-2KBMW62GXD";

    private AuditFixture() {
    }

    /** The profile: the IMEI and the canary. */
    public static DeviceProfile profile() {
        try {
            return DeviceProfileLoader.load("device:\n  name: test unit\n  identifiers:\n    imei: \"" + IMEI
                    + "\"\n  canaries: [\"" + CANARY + "\"]\n", "device.yaml");
        } catch (org.phonehome.detect.profile.ProfileException e) {
            throw new AssertionError(e);
        }
    }

    /** Audits {@code capture} (pcap or pcapng bytes) with the profile, every flow listed, within {@code limits}. */
    public static Audit audit(byte[] capture, Limits limits) throws java.io.IOException {
        return new Auditor().audit(new AuditRequest(
                List.of(CaptureInput.stream("test.pcap", new ByteArrayInputStream(capture))), null, true,
                AuditRequest.Progress.NONE, null, profile(), null, null, null, null, limits));
    }

    /** The report's {@code capture.anomalies}. */
    public static Map<String, Long> anomalies(Audit a) {
        return a.capture().anomalies();
    }

    /** A GET from the device to {@code host} at {@code ip} with {@link #IMEI} in its query: a leak to find. */
    public static Traffic leak(Traffic t, int devicePort, String host, String ip) {
        return t.tcp(DEVICE, devicePort, ip, 80).send(ascii("GET /t?imei=" + IMEI + " HTTP/1.1\r\nHost: " + host
                + "\r\n\r\n")).reply(ascii("HTTP/1.1 204 No Content\r\n\r\n")).close();
    }

    /** The hosts the device sent {@code identifier} ({@code imei}, {@code canary}) to. */
    public static List<String> hostsSent(Audit a, String identifier) {
        return a.findings().stream().filter(f -> f.identifier().equals(identifier)
                && f.direction().equals("outbound")).map(Finding::host).distinct().toList();
    }

    /** A request with the given head lines (without the final CRLF) and body, Content-Length set. */
    public static byte[] request(String head, byte[] body) {
        byte[] h = ascii(head + "\r\nContent-Length: " + body.length + "\r\n\r\n");
        byte[] out = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
