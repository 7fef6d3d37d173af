package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.cli.Cli.oneUdpPacketPcap;
import static org.phonehome.cli.Cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.cli.Cli.Result;

class AuditCommandTest {

    @TempDir
    Path dir;

    @Test
    void auditPrintsDestinationTable() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        Result r = run("audit", cap.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("1 packets").contains("8.8.8.8").contains("53/udp");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonToStdoutCarriesOnlyTheReport() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        Result r = run("audit", cap.toString(), "--json", "-", "--flows");
        assertThat(r.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("schema").asInt()).isEqualTo(1);
        assertThat(json.at("/capture/packets").asLong()).isEqualTo(1);
        assertThat(json.at("/capture/decoded/udp").asLong()).isEqualTo(1);
        assertThat(json.at("/destinations/0/host").asText()).isEqualTo("8.8.8.8");
        assertThat(json.at("/flows/0/device_ip").asText()).isEqualTo("192.168.31.100");
        assertThat(json.get("findings").isArray()).isTrue();
    }

    @Test
    void readsCaptureFromStandardInput() throws Exception {
        Result r = run(oneUdpPacketPcap(), "audit", "-", "--json", "-");
        assertThat(r.code()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).at("/capture/files/0").asText()).isEqualTo("-");
    }

    @Test
    void jsonFileIsWritten() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        Path json = dir.resolve("report.json");
        Result r = run("audit", cap.toString(), "--json", json.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readString(json)).contains("\"schema\" : 1");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("one.pcap",
                    "report.json");
        }
    }

    @Test
    void sameInputGivesByteIdenticalJson() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        assertThat(run("audit", cap.toString(), "--flows", "--json", "-").out())
                .isEqualTo(run("audit", cap.toString(), "--flows", "--json", "-").out());
    }

    @Test
    void theExampleAuditGivesByteIdenticalJsonTwice() throws Exception {
        Path example = Path.of("..", "examples").toAbsolutePath().normalize();
        String[] args = {"audit", example.resolve("redmi-note.pcap").toString(), "--device",
            example.resolve("device.yaml").toString(), "--policy", example.resolve("policy.yaml").toString(),
            "--flows", "--json", "-"};
        Result first = run(args);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"findings\"").contains("\"flows\"");
        assertThat(run(args).out()).isEqualTo(first.out());
    }

    @Test
    void notACaptureIsOneSentenceAndBadInputCode() throws Exception {
        Path txt = dir.resolve("notes.txt");
        Files.writeString(txt, "Hello, this is not a capture\n");
        Result r = run("audit", txt.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).startsWith("phonehome: error: ").contains("not a capture");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingFileHasItsOwnCode() {
        Result r = run("audit", dir.resolve("nope.pcap").toString());
        assertThat(r.code()).isEqualTo(ExitCode.NO_INPUT.code());
        assertThat(r.err()).contains("nope.pcap").doesNotContain("\tat ");
    }

    @Test
    void truncatedCaptureReportsWhatCameBeforeAndTheOffset() throws Exception {
        byte[] one = oneUdpPacketPcap();
        byte[] two = new byte[one.length + 16 + 10];
        System.arraycopy(one, 0, two, 0, one.length);
        // a second record header announcing 46 bytes, of which only 10 are present
        System.arraycopy(one, 24, two, one.length, 16 + 10);
        Path cap = dir.resolve("cut.pcap");
        Files.write(cap, two);
        Result r = run("audit", cap.toString(), "--json", "-");
        assertThat(r.code()).isEqualTo(ExitCode.INCOMPLETE_CAPTURE.code());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/capture/packets").asLong()).isEqualTo(1);
        assertThat(json.at("/capture/incomplete/offset").asLong()).isEqualTo(one.length);
        assertThat(r.err()).contains("byte offset " + one.length).doesNotContain("\tat ");
    }

    @Test
    void badDeviceIpIsAUserError() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        Result r = run("audit", cap.toString(), "--device-ip", "phone.local");
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("--device-ip");
    }

    @Test
    void deviceIpDecidesTheDeviceSide() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        Result r = run("audit", cap.toString(), "--device-ip", "8.8.8.8", "--flows", "--json", "-");
        JsonNode flow = new ObjectMapper().readTree(r.out()).at("/flows/0");
        assertThat(flow.get("device_ip").asText()).isEqualTo("8.8.8.8");
        assertThat(flow.get("device_side_by").asText()).isEqualTo("device_ip");
    }

    @Test
    void unknownOptionIsUsageError() {
        Result r = run("audit", "--frobnicate", "x.pcap");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("--frobnicate");
    }

    @Test
    void helpExplainsTheCommand() {
        Result r = run("audit", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("CAPTURE").contains("--json").contains("--device-ip").contains("Examples");
    }

    @Test
    void debugShowsStackTraceForUserErrorsToo() throws Exception {
        Path txt = dir.resolve("notes.txt");
        Files.writeString(txt, "Hello");
        Result r = run("audit", txt.toString(), "--debug");
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void unwrittableJsonTargetIsIoError() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        Result r = run("audit", cap.toString(), "--json", dir.resolve("no/such/folder/r.json").toString());
        assertThat(r.code()).isEqualTo(ExitCode.IO_ERROR.code());
        assertThat(Arrays.asList(r.err().split("\n"))).hasSize(1);
    }

    @Test
    void canaryWritesAProfileAndRefusesToOverwrite() throws Exception {
        Path yaml = dir.resolve("device.yaml");
        Result r = run("canary", "--region", "CN", "--near", "22.543,114.057", "--out", yaml.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("contact:").contains("PHCANARY-");
        assertThat(Files.readString(yaml)).contains("canaries:").contains("PHCANARY-");
        Result again = run("canary", "--out", yaml.toString());
        assertThat(again.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(again.err()).contains("--force");
    }

    @Test
    void deviceProfileIsUsedAndItsProblemsAreReported() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        Path yaml = dir.resolve("device.yaml");
        Files.writeString(yaml, "device:\n  name: t\n  identifiers:\n    imei: \"864048021234563\"\n");
        Result r = run("audit", cap.toString(), "--device", yaml.toString(), "--json", "-");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning").contains("line 4").contains("Luhn");
        assertThat(new ObjectMapper().readTree(r.out()).at("/device/name").asText()).isEqualTo("t");
        Files.writeString(yaml, "device:\n  identifiers:\n    imei: [\n");
        Result bad = run("audit", cap.toString(), "--device", yaml.toString());
        assertThat(bad.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(bad.err()).startsWith("phonehome: error: ").contains("device.yaml line");
    }

    @Test
    void policyGivesVerdictsAndDiffSaysWhatGotWorse() throws Exception {
        Path example = Path.of("..", "examples").toAbsolutePath().normalize();
        Path cap = example.resolve("redmi-note.pcap");
        Path device = example.resolve("device.yaml");
        Path policy = example.resolve("policy.yaml");
        Path after = dir.resolve("after.json");
        Path before = dir.resolve("before.json");
        Result r = run("audit", cap.toString(), "--device", device.toString(), "--policy", policy.toString(),
                "--json", after.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("violation").contains("contact after opt-out");
        JsonNode report = new ObjectMapper().readTree(after.toFile());
        assertThat(report.at("/findings/0/verdict").asText()).isEqualTo("violation");
        assertThat(report.at("/findings/0/rule").asText()).isNotEmpty();
        assertThat(run("audit", cap.toString(), "--device", device.toString(), "--policy", policy.toString(),
                "--consent", "telemetry=on", "--json", before.toString()).code()).isZero();
        Result diff = run("diff", before.toString(), after.toString());
        assertThat(diff.code()).isEqualTo(ExitCode.WORSE.code());
        assertThat(diff.out()).contains("tracking.intl.miui.com");
        assertThat(run("diff", after.toString(), after.toString()).code()).isZero();
    }

    @Test
    void policyProblemsAreOneLineWithTheLine() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "consent: {telemetry: off}\nservices:\n  telemetry: {data: [imie], to: [\"*.x.com\"]}\n");
        Result r = run("audit", cap.toString(), "--policy", policy.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("policy.yaml line 3").doesNotContain("\tat ");
        Result c = run("audit", cap.toString(), "--consent", "telemetry=off");
        assertThat(c.code()).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void diffOfSomethingElseIsBadInput() throws Exception {
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"hello\": 1}");
        Result r = run("diff", junk.toString(), junk.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("not a phonehome");
    }

    @Test
    void keyLogOpensTlsAndItsFindingsSayTls() throws Exception {
        Path example = Path.of("..", "examples").toAbsolutePath().normalize();
        Result r = run("audit", example.resolve("redmi-note.pcap").toString(), "--device",
                example.resolve("device.yaml").toString(), "--keys", example.resolve("redmi-note.keys").toString(),
                "--json", "-");
        assertThat(r.code()).isZero();
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        boolean viaTls = false;
        for (JsonNode f : findings) {
            if (f.get("layers").size() > 0 && f.get("layers").get(0).asText().equals("tls")) {
                viaTls = true;
                assertThat(f.get("host").asText()).isEqualTo("update.miui.com");
                assertThat(f.get("encoding").asText()).isEqualTo("sha1-hex");
            }
        }
        assertThat(viaTls).isTrue();
        // each TLS flow accounts for its records
        Result flows = run("audit", example.resolve("redmi-note.pcap").toString(), "--keys",
                example.resolve("redmi-note.keys").toString(), "--flows", "--json", "-");
        for (JsonNode f : new ObjectMapper().readTree(flows.out()).get("flows")) {
            if (f.get("protocol").asText().equals("tls")) {
                assertThat(f.at("/anomalies/tls_records_decrypted").asLong()).isPositive();
            }
        }
        Result missing = run("audit", example.resolve("redmi-note.pcap").toString(), "--keys",
                dir.resolve("nope.keys").toString());
        assertThat(missing.code()).isEqualTo(ExitCode.NO_INPUT.code());
    }

    @Test
    void usersOwnGeoAndHostFilesAreCheckedAndUsed() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        Path bad = dir.resolve("broken.mmdb");
        Files.writeString(bad, "not a database");
        Result r = run("audit", cap.toString(), "--geo-country", bad.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(r.err()).contains("broken.mmdb").doesNotContain("\tat ");
        Path hosts = dir.resolve("hosts.tsv");
        Files.writeString(hosts, "# pattern\torganisation\tservice\tpurpose\tsource\n"
                + "8.8.8.8\tExample Resolver Co\tresolver\tapi\tmaintainers\n");
        Result h = run("audit", cap.toString(), "--hosts", hosts.toString(), "--json", "-");
        assertThat(h.code()).as(h.err()).isZero();
    }
}
