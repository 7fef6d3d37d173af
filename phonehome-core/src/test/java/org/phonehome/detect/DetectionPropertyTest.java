package org.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.phonehome.AuditRequest;
import org.phonehome.Auditor;
import org.phonehome.CaptureInput;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.detect.profile.Luhn;
import org.phonehome.report.Finding;
import org.phonehome.testing.Traffic;

/**
 * Seeded property tests: random identifiers, random encodings, random nesting of containers and random TCP segment
 * boundaries are all found; random traffic with nothing planted gives no profile finding.
 */
class DetectionPropertyTest {

    private static final int CASES = 150;

    /** One random device: an IMEI, an IMSI, an Android ID, an e-mail and a canary token. */
    private record Device(String imei, String imsi, String androidId, String email, String canary) {
        String yaml() {
            return "device:\n  identifiers:\n    imei: \"" + imei + "\"\n    imsi: \"" + imsi + "\"\n"
                    + "    android_id: \"" + androidId + "\"\n    email: \"" + email + "\"\n"
                    + "  canaries: [\"" + canary + "\"]\n";
        }
    }

    private static Device device(Random r) {
        StringBuilder imei = new StringBuilder("86");
        while (imei.length() < 14) {
            imei.append(r.nextInt(10));
        }
        imei.append(Luhn.checkDigit(imei.toString()));
        StringBuilder imsi = new StringBuilder("46001");
        while (imsi.length() < 15) {
            imsi.append(r.nextInt(10));
        }
        String android = HexFormat.of().formatHex(longBytes(r.nextLong()));
        String email = "user" + r.nextInt(1_000_000) + "@mail" + r.nextInt(1000) + ".example.com";
        String canary = "PHCANARY-" + Long.toString(Math.abs(r.nextLong()), 36).toUpperCase(Locale.ROOT);
        return new Device(imei.toString(), imsi.toString(), android, email, canary);
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    /** An encoding of the value: name in the report's vocabulary and the text. */
    private record Encoded(String encoding, String text) {
    }

    private static Encoded encode(String value, Random r) throws Exception {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return switch (r.nextInt(7)) {
            case 0 -> new Encoded("plain", value);
            case 1 -> new Encoded("base64", Base64.getEncoder().encodeToString(v));
            case 2 -> new Encoded("hex", r.nextBoolean() ? HexFormat.of().formatHex(v)
                    : HexFormat.of().withUpperCase().formatHex(v));
            case 3 -> new Encoded("md5-hex", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(v)));
            case 4 -> new Encoded("sha1-hex", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(v)));
            case 5 -> new Encoded("sha256-hex",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(v)));
            default -> new Encoded("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(v));
        };
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static String noise(Random r, int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** A request carrying {@code text} in a random place and random containers; returns it and the part kind. */
    private record Request(byte[] bytes, String part) {
    }

    private static Request request(String text, Random r) throws Exception {
        String noise = noise(r, 12);
        int nesting = r.nextInt(3);
        String json = "{\"ts\":\"" + noise + "\",\"v\":\"" + text + "\"}";
        switch (r.nextInt(4)) {
            case 0:
                return new Request(ascii("GET /a?n=" + noise + "&v=" + text + " HTTP/1.1\r\nHost: h.example\r\n\r\n"),
                        "query");
            case 1:
                return new Request(ascii("GET /a HTTP/1.1\r\nHost: h.example\r\nX-Id: " + text + "\r\n\r\n"), "header");
            case 2: {
                byte[] body = ascii(json);
                String enc = "";
                String part = "json";
                if (nesting == 1) {
                    body = gzip(body);
                    enc = "Content-Encoding: gzip\r\n";
                } else if (nesting == 2) {
                    // the JSON is base64 of gzip inside a form field
                    body = ascii("d=" + Base64.getEncoder().encodeToString(gzip(ascii(json))));
                    part = "form";
                }
                String type = nesting == 2 ? "application/x-www-form-urlencoded" : "application/json";
                byte[] head = ascii("POST /u HTTP/1.1\r\nHost: h.example\r\nContent-Type: " + type + "\r\n" + enc
                        + "Content-Length: " + body.length + "\r\n\r\n");
                return new Request(concat(head, body), part);
            }
            default: {
                byte[] body = ascii("a=" + noise + "&v=" + text);
                return new Request(concat(ascii("POST /f HTTP/1.1\r\nHost: h.example\r\nContent-Type: "
                        + "application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n"), body),
                        "form");
            }
        }
    }

    private static List<Finding> audit(byte[] pcap, Device d) throws Exception {
        return new Auditor().audit(new AuditRequest(
                List.of(CaptureInput.stream("p.pcap", new ByteArrayInputStream(pcap))), null, false,
                AuditRequest.Progress.NONE, null, DeviceProfileLoader.load(d.yaml(), "device.yaml"),
                DetectionOptions.defaults(), null, null, null)).findings();
    }

    @Test
    void plantedValuesAreFoundInEveryEncodingNestingAndSplit() throws Exception {
        Random r = new Random(20261126);
        for (int i = 0; i < CASES; i++) {
            Device d = device(r);
            String[][] choices = {{"imei", d.imei()}, {"imsi", d.imsi()}, {"android_id", d.androidId()},
                {"email", d.email()}, {"canary", d.canary()}};
            String[] pick = choices[r.nextInt(choices.length)];
            Encoded e = encode(pick[1], r);
            Request req = request(e.text(), r);
            Traffic t = new Traffic();
            int cut1 = 1 + r.nextInt(req.bytes().length - 2);
            int cut2 = 1 + r.nextInt(req.bytes().length - cut1);
            t.tcp("192.168.31.100", 40000 + i, "1.2.3.4", 80).sendSplit(req.bytes(), cut1, cut2).close();
            List<Finding> found = audit(t.pcap(), d);
            String what = "case " + i + ": " + pick[0] + " " + e.encoding() + " in " + req.part() + ": "
                    + new String(req.bytes(), StandardCharsets.ISO_8859_1);
            // base64url without '-' or '_' is byte for byte the unpadded base64: either name is right
            List<String> accepted = e.encoding().equals("base64url") && !e.text().matches(".*[-_].*")
                    ? List.of("base64url", "base64") : List.of(e.encoding());
            assertThat(found).as(what).anySatisfy(f -> {
                assertThat(f.identifier()).isEqualTo(pick[0]);
                assertThat(f.encoding()).isIn(accepted);
            });
        }
    }

    @Test
    void randomTrafficWithNothingPlantedHasNoFinding() throws Exception {
        Random r = new Random(7);
        Device d = device(r);
        Traffic t = new Traffic();
        for (int i = 0; i < 60; i++) {
            Request req = request(noise(r, 8 + r.nextInt(40)), r);
            t.tcp("192.168.31.100", 40000 + i, "1.2.3.4", 80).send(req.bytes()).close();
            byte[] random = new byte[2000];
            r.nextBytes(random);
            t.tcp("192.168.31.100", 41000 + i, "1.2.3.4", 5222).send(random).close();
        }
        assertThat(audit(t.pcap(), d)).isEmpty();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
