package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file replaced whole, and nothing of the attempt left beside it when the replacing fails. */
class ReplacedFileTest {

    @TempDir
    Path dir;

    private long filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    @Test
    void theNewContentReplacesTheOldAndNoPartialFileStays() throws IOException {
        Path target = Files.writeString(dir.resolve("report.json"), "old and longer than the new content");
        ReplacedFile.write(target, "new".getBytes());
        assertThat(target).hasContent("new");
        ReplacedFile.write(dir.resolve("fresh.bin"), new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(dir.resolve("fresh.bin"))).containsExactly(1, 2, 3);
        assertThat(filesIn(dir)).isEqualTo(2);
    }

    @Test
    void aFailedReplacementLeavesTheTargetAsItWasAndNoPartialFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("busy"));
        Files.writeString(target.resolve("inside"), "kept");
        assertThatThrownBy(() -> ReplacedFile.write(target, "new".getBytes())).isInstanceOf(IOException.class);
        assertThat(target.resolve("inside")).hasContent("kept");
        assertThat(filesIn(dir)).isEqualTo(1);
        assertThatThrownBy(() -> ReplacedFile.write(dir.resolve("no/such/folder/x"), new byte[1]))
                .isInstanceOf(IOException.class);
    }
}
