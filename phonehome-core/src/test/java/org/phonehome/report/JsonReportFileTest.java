package org.phonehome.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JsonReport.write to a path: atomic for files, in place for devices and pipes, through symbolic links. */
class JsonReportFileTest {

    @TempDir
    Path dir;

    private static Audit audit() {
        CaptureSummary capture = new CaptureSummary(List.of("x.pcap"), List.of("pcap"), 0, 0, null, null, Map.of(),
                Map.of(), Map.of(), Map.of(), Map.of(), null);
        return new Audit(Audit.SCHEMA_VERSION, capture, new DeviceSummary("Redmi Note", null), List.of(), List.of(),
                null);
    }

    @Test
    void aFileIsReplacedWholeAndNoTemporaryFileStays() throws IOException {
        Path target = dir.resolve("report.json");
        Files.writeString(target, "an older, longer report that must not show through at the end");
        new JsonReport().write(audit(), target);
        assertThat(Files.readString(target)).isEqualTo(new JsonReport().toJson(audit()));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    /** A named pipe stands for /dev/null and /dev/stdout: renaming over it would replace it with a file. */
    @Test
    void aNamedPipeStaysAPipeAndGetsTheReport() throws Exception {
        Path fifo = dir.resolve("report.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        new JsonReport().write(audit(), fifo);
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(new JsonReport().toJson(audit()));
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(fifo);
        }
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsFileGetsTheReport() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        new JsonReport().write(audit(), link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo(new JsonReport().toJson(audit()));
    }

    @Test
    void aDanglingLinkIsReplacedByTheReport() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("gone.json"));
        new JsonReport().write(audit(), link);
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(link)).isEqualTo(new JsonReport().toJson(audit()));
    }
}
