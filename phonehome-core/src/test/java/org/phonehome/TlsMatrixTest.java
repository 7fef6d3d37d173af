package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phonehome.detect.DetectionOptions;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.report.Audit;
import org.phonehome.report.Finding;

/**
 * The TLS matrix recorded on loopback by {@code scripts/record-tls-matrix} (curl or Python against nginx, with the
 * clients' key logs): TLS 1.3 with each AEAD, TLS 1.2 with ECDHE and RSA key exchange, AES-GCM, ChaCha20-Poly1305,
 * AES-CBC with and without encrypt-then-MAC, HTTP/2 over both versions (and over TLS 1.3 with the server's SETTINGS
 * first, so h2 is known only from the ALPN in the encrypted EncryptedExtensions), and resumption by session ID, ticket
 * and PSK. Each request carries the IMEI in the query and in a form field, only ever inside TLS: a whole audit with the
 * key log must find it with {@code layers} starting {@code tls}, and with wrong or no keys must find nothing.
 */
class TlsMatrixTest {
    private static final String DIR = "/org/phonehome/tlsmatrix/";
    private static final String IMEI = "864048021234566";

    /** One row of cases.tsv. */
    record Case(String name, String tls, String suite, String hex, String http, String resumption, int connections) {
        boolean http2() {
            return "HTTP/2".equals(http);
        }

        byte[] pcap() {
            return resource(name + ".pcap");
        }

        byte[] keys() {
            return resource(name + ".keys");
        }

        @Override
        public String toString() {
            return name + " (" + tls + " " + suite + " " + hex + ", " + http + ")";
        }
    }

    static List<Case> cases() {
        String tsv = new String(resource("cases.tsv"), StandardCharsets.UTF_8);
        List<String> lines = tsv.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        List<Case> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (!"recorded".equals(f[header.indexOf("status")])) {
                continue; // a case the script could not make here: cases.tsv says why
            }
            out.add(new Case(f[header.indexOf("case")], f[header.indexOf("tls_version")],
                    f[header.indexOf("cipher_suite")], f[header.indexOf("cipher_hex")], f[header.indexOf("http")],
                    f[header.indexOf("resumption")], Integer.parseInt(f[header.indexOf("connections")])));
        }
        return out;
    }

    /** Each case with the key log of another case (the next one in the table, wrapping around). */
    static Stream<Object[]> casesWithOtherKeys() {
        List<Case> all = cases();
        return java.util.stream.IntStream.range(0, all.size())
                .mapToObj(i -> new Object[] {all.get(i), all.get((i + 1) % all.size())});
    }

    @Test
    void theMatrixIsComplete() {
        List<Case> all = cases();
        assertThat(all).extracting(Case::tls).contains("TLS 1.2", "TLS 1.3");
        assertThat(all).extracting(Case::suite).contains(
                "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                "TLS_RSA_WITH_AES_256_CBC_SHA256");
        assertThat(all).filteredOn(Case::http2).extracting(Case::tls).contains("TLS 1.2", "TLS 1.3");
        assertThat(all).extracting(Case::resumption).contains("session-id", "ticket", "psk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theImeiIsFoundInsideTls(Case c) throws Exception {
        Audit a = audit(c, KeyLog.parse(c.keys(), c.name() + ".keys"));

        Map<String, Long> anomalies = a.capture().anomalies();
        assertThat(anomalies).as("anomalies").doesNotContainKeys("tls_decrypt_failed", "tls_no_keys",
                "tls_decrypt_gap", "tls_decrypt_truncated", "tls_decrypt_unsupported_suite",
                "tls_decrypt_internal_error", "tls_decrypt_record_too_long", "tls_decrypt_record_header_invalid");
        assertThat(anomalies.getOrDefault("tls_decrypted_bytes", 0L)).as("decrypted bytes").isPositive();
        // every record was opened, so nothing stayed unscanned (not even the tags and padding)
        assertThat(anomalies).as("nothing left encrypted").doesNotContainKey("tls_encrypted_bytes_not_scanned");

        List<Finding> imei = imeiFindings(a);
        assertThat(imei).as("IMEI findings").isNotEmpty().allSatisfy(f -> {
            assertThat(f.direction()).isEqualTo("outbound");
            assertThat(f.layers()).first().isEqualTo("tls");
            if (c.http2()) {
                assertThat(f.layers()).contains("http2");
            } else {
                assertThat(f.layers()).doesNotContain("http2");
            }
            assertThat(f.host()).isEqualTo(c.name() + ".phonehome.test");
            assertThat(f.port()).isEqualTo(443);
        });
        // the query parameter and the form field, in every request (two connections when resumed)
        assertThat(imei).filteredOn(f -> "query".equals(f.part()) && "imei".equals(f.name()))
                .hasSize(c.connections());
        assertThat(imei).filteredOn(f -> "form".equals(f.part()) && "imei".equals(f.name()))
                .hasSize(c.connections());
        if (c.connections() > 1) {
            assertThat(imei.stream().map(f -> f.frames().get(0)).distinct().count())
                    .as("requests of both connections").isEqualTo(c.connections());
        }
    }

    @ParameterizedTest(name = "{0} without keys")
    @MethodSource("cases")
    void withoutKeysNothingIsFound(Case c) throws Exception {
        for (KeyLog none : List.of(KeyLog.empty(), KeyLog.parse("", "empty.keys"))) {
            Audit a = audit(c, none);
            assertThat(imeiFindings(a)).isEmpty();
            assertThat(a.capture().anomalies().getOrDefault("tls_decrypted_bytes", 0L)).isZero();
            assertThat(a.capture().anomalies().getOrDefault("tls_encrypted_bytes_not_scanned", 0L)).isPositive();
        }
    }

    @ParameterizedTest(name = "{0} with the keys of {1}")
    @MethodSource("casesWithOtherKeys")
    void anotherCasesKeysDecryptNothing(Case c, Case other) throws Exception {
        Audit a = audit(c, KeyLog.parse(other.keys(), other.name() + ".keys"));

        assertThat(imeiFindings(a)).isEmpty();
        assertThat(a.findings()).noneMatch(f -> f.layers().contains("tls"));
        Map<String, Long> anomalies = a.capture().anomalies();
        assertThat(anomalies.getOrDefault("tls_decrypted_bytes", 0L)).isZero();
        assertThat(anomalies.getOrDefault("tls_no_keys", 0L) + anomalies.getOrDefault("tls_decrypt_failed", 0L))
                .as("records counted as undecryptable").isPositive();
    }

    /** The right client randoms with wrong secrets: every record fails its tag and nothing is passed on. */
    @ParameterizedTest(name = "{0} with garbage secrets")
    @MethodSource("cases")
    void garbageSecretsFailEveryRecordAndPassNothingOn(Case c) throws Exception {
        Random random = new Random(c.name().hashCode());
        StringBuilder garbage = new StringBuilder();
        for (String line : new String(c.keys(), StandardCharsets.ISO_8859_1).split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 3) {
                byte[] secret = new byte[f[2].length() / 2];
                random.nextBytes(secret);
                garbage.append(f[0]).append(' ').append(f[1]).append(' ').append(HexFormat.of().formatHex(secret))
                        .append('\n');
            }
        }
        KeyLog keys = KeyLog.parse(garbage.toString(), "garbage.keys");
        assertThat(keys.warningCount()).isEqualTo(ownWarnings(c));
        assertThat(keys.sessionCount()).isEqualTo(c.connections());

        Audit a = audit(c, keys);
        assertThat(imeiFindings(a)).isEmpty();
        assertThat(a.findings()).noneMatch(f -> f.layers().contains("tls"));
        Map<String, Long> anomalies = a.capture().anomalies();
        assertThat(anomalies.getOrDefault("tls_decrypted_bytes", 0L)).isZero();
        assertThat(anomalies.getOrDefault("tls_decrypt_failed", 0L)).as("tls_decrypt_failed").isPositive();
    }

    @ParameterizedTest(name = "{0} with malformed lines in the key log")
    @MethodSource("cases")
    void malformedKeyLogLinesAreReportedAndTheRestUsed(Case c) throws Exception {
        String real = new String(c.keys(), StandardCharsets.ISO_8859_1);
        String junk = "# a comment\n"
                + "this is not a key log line\n"
                + "CLIENT_RANDOM 00112233 deadbeef\n"
                + "CLIENT_RANDOM " + "zz".repeat(32) + " " + "00".repeat(48) + "\n"
                + "SOME_UNKNOWN_LABEL " + "11".repeat(32) + " " + "22".repeat(32) + "\n"
                + "\u0000\u00ff\u0001 binary junk\n";
        KeyLog keys = KeyLog.parse(junk + real + junk, c.name() + "-with-junk.keys");
        // five bad lines in each junk block (the comment is fine), each reported with its file and line
        String src = c.name() + "-with-junk.keys";
        int after = junk.split("\n").length + real.split("\n").length;
        assertThat(keys.warningCount()).as("warnings: %s", keys.warnings()).isEqualTo(10 + ownWarnings(c));
        assertThat(keys.warnings()).hasSize(10 + ownWarnings(c)).allSatisfy(w -> assertThat(w).startsWith(src + " line "))
                .contains(src + " line 2: expected 3 fields", src + " line 3: client random is not 64 hex digits",
                        src + " line " + (after + 2) + ": expected 3 fields");
        assertThat(keys.sessionCount()).isEqualTo(c.connections());

        Audit a = audit(c, keys);
        assertThat(a.capture().anomalies()).doesNotContainKey("tls_decrypt_failed");
        assertThat(imeiFindings(a)).isNotEmpty().allSatisfy(f -> assertThat(f.layers()).first().isEqualTo("tls"));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static Audit audit(Case c, KeyLog keyLog) throws Exception {
        DeviceProfile profile = DeviceProfileLoader.load("device:\n  identifiers:\n    imei: \"" + IMEI + "\"\n",
                "device.yaml");
        try (InputStream in = new ByteArrayInputStream(c.pcap())) {
            return new Auditor().audit(new AuditRequest(List.of(CaptureInput.stream(c.name() + ".pcap", in)), null,
                    false, AuditRequest.Progress.NONE, null, profile, DetectionOptions.defaults(), null, null,
                    keyLog));
        }
    }

    /**
     * Warnings phonehome gives for the recorded key log itself: OpenSSL writes an {@code RSA} line (encrypted
     * pre-master prefix and pre-master) before the {@code CLIENT_RANDOM} line for RSA key exchange, which phonehome
     * reports as an unsupported label (and decrypts with the {@code CLIENT_RANDOM} line).
     */
    private static int ownWarnings(Case c) {
        KeyLog own = KeyLog.parse(c.keys(), c.name() + ".keys");
        assertThat(own.warnings()).allSatisfy(w -> assertThat(w).contains("unsupported label RSA"));
        return own.warningCount();
    }

    private static List<Finding> imeiFindings(Audit a) {
        return a.findings().stream().filter(f -> "imei".equals(f.identifier())).collect(Collectors.toList());
    }

    private static byte[] resource(String name) {
        try (InputStream in = TlsMatrixTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + name
                        + " (recorded by scripts/record-tls-matrix)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
