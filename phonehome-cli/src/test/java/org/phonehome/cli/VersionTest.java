package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phonehome.capture.NativeFileInput;
import org.phonehome.proto.http.Libdeflate;

/** {@code phonehome --version}: the version, which inflater this machine runs, and how it reads captures. */
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
        if (NativeFileInput.enabled()) {
            assertThat(r.out()).contains("read: native, one copy" + System.lineSeparator());
        } else {
            assertThat(r.out()).contains("read: FileInputStream (native: " + NativeFileInput.status() + ")");
        }
        if ("1".equals(System.getenv("PHONEHOME_REQUIRE_LIBDEFLATE"))) {
            assertThat(r.out()).contains("inflate: libdeflate" + System.lineSeparator())
                    .contains("read: native, one copy" + System.lineSeparator());
        }
    }
}
