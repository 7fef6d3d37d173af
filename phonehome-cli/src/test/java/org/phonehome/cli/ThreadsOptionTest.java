package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.cli.Cli.run;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.phonehome.cli.Cli.Result;

/** {@code phonehome audit --threads N}. */
class ThreadsOptionTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void anyNumberOfThreadsGivesTheSameReport() {
        String[] audit = {"audit", EXAMPLES.resolve("redmi-note.pcap").toString(), "--device",
            EXAMPLES.resolve("device.yaml").toString(), "--policy", EXAMPLES.resolve("policy.yaml").toString(),
            "--keys", EXAMPLES.resolve("redmi-note.keys").toString(), "--flows", "--json", "-"};
        Result one = run(concat(audit, "--threads", "1"));
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("\"findings\"");
        assertThat(run(concat(audit, "--threads", "3")).out()).isEqualTo(one.out());
        assertThat(run(audit).out()).isEqualTo(one.out());
    }

    @Test
    void fewerThanOneThreadIsAUsageError() {
        Result r = run("audit", EXAMPLES.resolve("redmi-note.pcap").toString(), "--threads", "0");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).startsWith("phonehome: error: --threads must be between 1 and 256, not 0")
                .doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    private static String[] concat(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
