package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.cli.Cli.oneUdpPacketPcap;
import static org.phonehome.cli.Cli.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.cli.Cli.Result;

/**
 * Every exit code of {@code phonehome} (README, "Exit codes"), each provoked as a user would: the code, and for an
 * error exactly one line on stderr, {@code phonehome: error: ...}, without a stack trace.
 */
class ExitCodesTest {

    @TempDir
    Path dir;

    private Path capture() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, oneUdpPacketPcap());
        return cap;
    }

    private static void oneLineError(Result r, ExitCode expected) {
        assertThat(r.code()).as(r.err()).isEqualTo(expected.code());
        assertThat(r.err()).startsWith("phonehome: error: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    }

    @Test
    void ok0() throws Exception {
        Result r = run("audit", capture().toString());
        assertThat(r.code()).isEqualTo(ExitCode.OK.code()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void diffSomethingGotWorse1() throws Exception {
        Path device = dir.resolve("device.yaml");
        Files.writeString(device, "device:\n  identifiers:\n    imei: \"864048021234563\"\n");
        Path leak = dir.resolve("leak.pcap");
        Files.write(leak, Cli.udpPcap(1, 9999, "imei=864048021234563".getBytes(StandardCharsets.US_ASCII)));
        Path before = dir.resolve("before.json");
        Path after = dir.resolve("after.json");
        assertThat(run("audit", capture().toString(), "--device", device.toString(), "--json", before.toString())
                .code()).isZero();
        assertThat(run("audit", leak.toString(), "--device", device.toString(), "--json", after.toString())
                .code()).isZero();
        Result r = run("diff", before.toString(), after.toString());
        assertThat(r.code()).isEqualTo(ExitCode.WORSE.code()).isEqualTo(1);
        assertThat(r.out()).contains("8.8.8.8");
        assertThat(r.err()).isEmpty();
        assertThat(run("diff", after.toString(), before.toString()).code()).isZero();
    }

    @Test
    void usage2() throws Exception {
        oneLineError(run("audit", "--frobnicate", capture().toString()), ExitCode.USAGE);
        oneLineError(run("audit"), ExitCode.USAGE);
        oneLineError(run("audit", capture().toString(), "--limit", "flows=many"), ExitCode.USAGE);
        assertThat(ExitCode.USAGE.code()).isEqualTo(2);
    }

    @Test
    void damagedCapture3() throws Exception {
        byte[] one = oneUdpPacketPcap();
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(one, one.length - 5));
        Result r = run("audit", cut.toString());
        oneLineError(r, ExitCode.INCOMPLETE_CAPTURE);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("byte offset 24");
    }

    @Test
    void badInput65() throws Exception {
        Path txt = dir.resolve("notes.txt");
        Files.writeString(txt, "Hello, this is not a capture\n");
        oneLineError(run("audit", txt.toString()), ExitCode.BAD_INPUT);
        Path device = dir.resolve("device.yaml");
        Files.writeString(device, "device:\n  identifiers:\n    imei: [\n");
        oneLineError(run("audit", capture().toString(), "--device", device.toString()), ExitCode.BAD_INPUT);
        assertThat(ExitCode.BAD_INPUT.code()).isEqualTo(65);
    }

    @Test
    void noInput66() throws Exception {
        oneLineError(run("audit", dir.resolve("nope.pcap").toString()), ExitCode.NO_INPUT);
        oneLineError(run("audit", capture().toString(), "--keys", dir.resolve("nope.keys").toString()),
                ExitCode.NO_INPUT);
        oneLineError(run("diff", dir.resolve("a.json").toString(), dir.resolve("b.json").toString()),
                ExitCode.NO_INPUT);
        assertThat(ExitCode.NO_INPUT.code()).isEqualTo(66);
    }

    /**
     * No input provokes a bug honestly (that is what the fuzz targets look for), so this gives the CLI's last
     * resort an exception of the kind a bug would throw.
     */
    @Test
    void internal70() {
        StringWriter err = new StringWriter();
        int code = Main.handle(new IllegalStateException("a bug"), false, new PrintWriter(err, true));
        assertThat(code).isEqualTo(ExitCode.INTERNAL.code()).isEqualTo(70);
        assertThat(err.toString()).startsWith("phonehome: internal error: ").contains("please report it")
                .doesNotContain("\tat ");
        assertThat(err.toString().lines().count()).isEqualTo(1);
        StringWriter debug = new StringWriter();
        Main.handle(new IllegalStateException("a bug"), true, new PrintWriter(debug, true));
        assertThat(debug.toString()).contains("\tat ");
    }

    @Test
    void outOfMemory71() throws Exception {
        // A flow limit raised far past what a 48 MB heap holds, and 400,000 flows to fill it.
        Path flood = dir.resolve("flood.pcap");
        OwnJvmAudit.udpFlood(flood, 400_000, 20);
        OwnJvmAudit.Ended e = OwnJvmAudit.run(dir, "48m", java.util.List.of(flood.toString(), "--threads", "1",
                "--limit", "flows=1000000"));
        oneLineError(new Result(e.code(), "", e.err()), ExitCode.OUT_OF_MEMORY);
        assertThat(e.err()).contains("out of memory").contains("-Xmx");
        assertThat(ExitCode.OUT_OF_MEMORY.code()).isEqualTo(71);
    }

    @Test
    void outputNotWritten74() throws Exception {
        String cap = capture().toString();
        oneLineError(run("audit", cap, "--json", dir.resolve("no/such/folder/r.json").toString()),
                ExitCode.IO_ERROR);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        oneLineError(run("audit", cap, "--json", file.resolve("r.json").toString()), ExitCode.IO_ERROR);
        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        Files.writeString(folder.resolve("keep"), "x");
        oneLineError(run("audit", cap, "--json", folder.toString()), ExitCode.IO_ERROR);
        oneLineError(run("audit", cap, "--log-dir", file.toString()), ExitCode.IO_ERROR);
        assertThat(ExitCode.IO_ERROR.code()).isEqualTo(74);
    }
}
