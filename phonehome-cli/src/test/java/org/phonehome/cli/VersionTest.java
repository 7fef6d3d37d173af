package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phonehome.proto.http.Libdeflate;

/** {@code phonehome --version}: the version, and which inflater this machine runs. */
class VersionTest {

    @Test
    void saysWhichInflaterRuns() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("phonehome ");
        if (Libdeflate.available()) {
            assertThat(r.out()).contains("inflate: libdeflate" + System.lineSeparator());
        } else {
            assertThat(r.out()).contains("inflate: java.util.zip (libdeflate: " + Libdeflate.status() + ")");
        }
        if ("1".equals(System.getenv("PHONEHOME_REQUIRE_LIBDEFLATE"))) {
            assertThat(r.out()).contains("inflate: libdeflate" + System.lineSeparator());
        }
    }
}
