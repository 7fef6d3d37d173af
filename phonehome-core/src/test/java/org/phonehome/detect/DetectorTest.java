package org.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.phonehome.AuditRequest;
import org.phonehome.Auditor;
import org.phonehome.CaptureInput;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.report.Audit;
import org.phonehome.report.Finding;
import org.phonehome.testing.Http2Frames;
import org.phonehome.testing.Traffic;

/** Detection inside a whole audit: each finding names identifier, encoding, part, host and frames. */
class DetectorTest {

    private static final String PHONE = "192.168.31.100";
    private static final String IMEI = "864048021234566";
    private static final String PROFILE = """
            device:
              name: Redmi test
              identifiers:
                imei: "864048021234566"
                imsi: "460001234567890"
                phone: "+86 138 0013 8000"
                android_id: "9774d56d682e549c"
              canaries:
                messages: ["heron-7731 blue dawn"]
            """;

    private static Audit audit(byte[] pcap, boolean reveal) throws Exception {
        DeviceProfile profile = DeviceProfileLoader.load(PROFILE, "device.yaml");
        return new Auditor().audit(new AuditRequest(
                List.of(CaptureInput.stream("t.pcap", new ByteArrayInputStream(pcap))), null, false,
                AuditRequest.Progress.NONE, null, profile, new DetectionOptions(reveal, 1000, true), null, null, null));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static Finding only(List<Finding> findings, String identifier, String part) {
        return findings.stream().filter(f -> f.identifier().equals(identifier) && f.part().equals(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + identifier + " in " + part + ": " + findings));
    }

    @Test
    void findsIdentifiersInEveryPartAndEncoding() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(ascii(IMEI));
        byte[] json = ascii("{\"events\":[{\"body\":\"heron-7731 blue dawn\"}],\"androidId\":\"9774d56d682e549c\"}");
        byte[] gz = gzip(json);
        byte[] post = ascii("POST /track HTTP/1.1\r\nHost: tracking.intl.miui.com\r\nContent-Type: application/json\r\n"
                + "Content-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n");
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "111.13.141.211", 80)
                .send(ascii("GET /conf?imei=" + IMEI + "&x=1 HTTP/1.1\r\nHost: api.account.xiaomi.com\r\nCookie: did="
                        + b64 + "\r\n\r\n"))
                .reply(ascii("HTTP/1.1 204 No Content\r\n\r\n")).close();
        t.tcp(PHONE, 50002, "123.125.102.40", 80).send(concat(post, gz))
                .reply(ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")).close();
        t.tcp(PHONE, 50003, "111.13.142.25", 80)
                .send(ascii("POST /reg HTTP/1.1\r\nHost: sdkconfig.ad.xiaomi.com\r\nContent-Type: "
                        + "application/x-www-form-urlencoded\r\nContent-Length: 41\r\n\r\nimsi=460001234567890&p=%2B8613800138000"))
                .close();

        List<Finding> f = audit(t.pcap(), false).findings();
        Finding q = only(f, "imei", "query");
        assertThat(q).extracting(Finding::encoding, Finding::name, Finding::host, Finding::port, Finding::direction,
                Finding::source, Finding::verdict).containsExactly("plain", "imei", "api.account.xiaomi.com", 80,
                "outbound", "profile", "unknown");
        assertThat(q.frames()).isNotEmpty();
        assertThat(q.evidence()).contains("8640****4566").doesNotContain(IMEI);
        assertThat(only(f, "imei", "cookie")).extracting(Finding::encoding, Finding::name)
                .containsExactly("base64", "did");
        Finding sms = only(f, "sms", "json");
        assertThat(sms.layers()).containsExactly("gzip", "json");
        assertThat(sms.name()).isEqualTo("events[0].body");
        assertThat(sms.host()).isEqualTo("tracking.intl.miui.com");
        assertThat(only(f, "android_id", "json").encoding()).isEqualTo("plain");
        assertThat(only(f, "imsi", "form").encoding()).isEqualTo("plain");
        // sent as %2B86...: URL-encoded as it stands on the wire, reported at the form field
        assertThat(only(f, "phone", "form")).extracting(Finding::encoding, Finding::name)
                .containsExactly("urlencoded", "p");
        // one finding per occurrence: the query value is not reported again from the whole URL
        assertThat(f.stream().filter(x -> x.identifier().equals("imei") && x.part().equals("url"))).isEmpty();
    }

    @Test
    void revealShowsTheValue() throws Exception {
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "111.13.141.211", 80)
                .send(ascii("GET /c?imei=" + IMEI + " HTTP/1.1\r\nHost: a.example\r\n\r\n")).close();
        assertThat(only(audit(t.pcap(), true).findings(), "imei", "query").evidence()).contains(IMEI);
    }

    @Test
    void otherIdentifiersInTheEvidenceAreMaskedToo() throws Exception {
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 5222).send(ascii("id=" + IMEI + ";sub=460001234567890;")).close();
        List<Finding> f = audit(t.pcap(), false).findings();
        assertThat(f).extracting(Finding::identifier).containsExactlyInAnyOrder("imei", "imsi");
        assertThat(f).allSatisfy(x -> assertThat(x.evidence()).doesNotContain(IMEI).doesNotContain("460001234567890"));
        assertThat(f).allSatisfy(x -> assertThat(x.protocol()).isEqualTo("raw"));
    }

    @Test
    void anImeiInsideALongerNumberIsNotAFinding() throws Exception {
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 80)
                .send(ascii("GET /c?ts=99" + IMEI + "12 HTTP/1.1\r\nHost: a.example\r\n\r\n")).close();
        assertThat(audit(t.pcap(), false).findings()).isEmpty();
    }

    @Test
    void whatTheServerSendsIsReportedAsInbound() throws Exception {
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 80).send(ascii("GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"))
                .reply(ascii("HTTP/1.1 200 OK\r\nContent-Length: 26\r\n\r\n{\"imei\":\"" + IMEI + "\"}"))
                .close();
        List<Finding> f = audit(t.pcap(), false).findings();
        assertThat(f).isNotEmpty().allSatisfy(x -> assertThat(x.direction()).isEqualTo("inbound"));
    }

    @Test
    void receivedMediaIsNotSearchedAndItsBytesAreCounted() throws Exception {
        String png = "\u0089PNG imei=" + IMEI;
        String svg = "<svg id=\"" + IMEI + "\"/>";
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 80).send(ascii("GET /a.png HTTP/1.1\r\nHost: a.example\r\n\r\n"
                        + "GET /b.svg HTTP/1.1\r\nHost: a.example\r\n\r\n"))
                .reply(ascii("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " + png.length()
                        + "\r\n\r\n" + png + "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: "
                        + svg.length() + "\r\n\r\n" + svg))
                .close();
        Audit a = audit(t.pcap(), false);
        assertThat(a.capture().anomalies()).containsEntry("detect_inbound_media_bytes_not_scanned",
                (long) png.length());
        // the picture is skipped; the text answer after it, on the same connection, is searched
        assertThat(a.findings()).singleElement().satisfies(x -> {
            assertThat(x.direction()).isEqualTo("inbound");
            assertThat(x.evidence()).startsWith("<svg");
        });
    }

    @Test
    void receivedHttp2MediaIsNotSearchedAndItsBytesAreCounted() throws Exception {
        // h2c with prior knowledge: a picture holding the IMEI, then a text answer holding it, on two streams
        byte[] png = ascii("\u0089PNG imei=" + IMEI);
        byte[] text = ascii("echo " + IMEI);
        byte[] client = concat(Http2Frames.preface(), Http2Frames.frame(4, 0, 0, new byte[0]),
                Http2Frames.frame(1, 0x5, 1, Http2Frames.block(":method", "GET", ":scheme", "http", ":path",
                        "/a.png", ":authority", "a.example")),
                Http2Frames.frame(1, 0x5, 3, Http2Frames.block(":method", "GET", ":scheme", "http", ":path",
                        "/b.txt", ":authority", "a.example")));
        byte[] server = concat(Http2Frames.frame(4, 0, 0, new byte[0]),
                Http2Frames.frame(1, 0x4, 1, Http2Frames.block(":status", "200", "content-type", "image/png")),
                Http2Frames.frame(0, 0x1, 1, png),
                Http2Frames.frame(1, 0x4, 3, Http2Frames.block(":status", "200", "content-type", "text/plain")),
                Http2Frames.frame(0, 0x1, 3, text));
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 80).send(client).reply(server).close();
        Audit a = audit(t.pcap(), false);
        assertThat(a.capture().anomalies()).containsEntry("detect_inbound_media_bytes_not_scanned",
                (long) png.length);
        assertThat(a.findings()).singleElement().satisfies(x -> {
            assertThat(x.direction()).isEqualTo("inbound");
            assertThat(x.evidence()).startsWith("echo");
        });
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void jsonValuesNameWhereAValueWasWithTheProfileAlone() throws Exception {
        // Without the validators the JSON values are made only when the body has a hit: the finding must still
        // be at the JSON value, sent or received, plain or behind a JSON string escape.
        String escaped = IMEI.chars().mapToObj(c -> String.format("\\u%04x", c)).reduce("", String::concat);
        String sent = "{\"dev\":{\"imei\":\"" + IMEI + "\"}}";
        String received = "{\"echo\":\"" + escaped + "\",\"other\":\"x\"}";
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 80).send(ascii("POST /j HTTP/1.1\r\nHost: a.example\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + sent.length() + "\r\n\r\n" + sent))
                .reply(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + received.length() + "\r\n\r\n" + received))
                .close();
        DeviceProfile profile = DeviceProfileLoader.load(PROFILE, "device.yaml");
        List<Finding> f = new Auditor().audit(new AuditRequest(
                List.of(CaptureInput.stream("t.pcap", new ByteArrayInputStream(t.pcap()))), null, false,
                AuditRequest.Progress.NONE, null, profile, new DetectionOptions(false, 1000, false), null, null,
                null)).findings();
        assertThat(f).extracting(Finding::direction, Finding::part, Finding::name).containsExactlyInAnyOrder(
                tuple("outbound", "json", "dev.imei"), tuple("inbound", "json", "echo"));
    }

    @Test
    void aValueSplitAcrossSegmentsIsFound() throws Exception {
        byte[] req = ascii("GET /c?imei=" + IMEI + " HTTP/1.1\r\nHost: a.example\r\n\r\n");
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 80).sendSplit(req, 18, 5).close();
        assertThat(only(audit(t.pcap(), false).findings(), "imei", "query").frames()).hasSize(3);
    }

    @Test
    void validatorsFindIdentifiersTheProfileDoesNotName() throws Exception {
        String otherImei = "356938035643809"; // Luhn-valid, TAC 35: not the profile's IMEI
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 80).send(ascii("GET /c?dev=" + otherImei + "&imei=" + IMEI
                + " HTTP/1.1\r\nHost: a.example\r\n\r\n")).close();
        List<Finding> f = audit(t.pcap(), false).findings();
        // the profile's IMEI is a profile finding only; the other one is found by its validator
        assertThat(f).filteredOn(x -> x.source().equals("profile")).extracting(Finding::name).containsExactly("imei");
        assertThat(f).filteredOn(x -> x.source().equals("pattern")).singleElement().satisfies(x -> {
            assertThat(x.identifier()).isEqualTo("imei");
            assertThat(x.name()).isEqualTo("dev");
            assertThat(x.evidence()).doesNotContain(otherImei);
        });
    }

    @Test
    void withoutAProfileOnlyValidatorsReport() throws Exception {
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 80).send(ascii("GET /c?imei=" + IMEI + " HTTP/1.1\r\nHost: a.example\r\n\r\n"))
                .close();
        Audit a = new Auditor().audit(AuditRequest.of(List.of(CaptureInput.stream("t.pcap",
                new ByteArrayInputStream(t.pcap())))));
        assertThat(a.findings()).singleElement().satisfies(x -> {
            assertThat(x.source()).isEqualTo("pattern");
            assertThat(x.identifier()).isEqualTo("imei");
        });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
