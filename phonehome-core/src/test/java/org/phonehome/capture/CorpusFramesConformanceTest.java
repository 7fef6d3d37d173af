package org.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Compares every record of a tshark-annotated capture corpus with tshark's {@code frames.tsv}: count, time stamp,
 * original and captured length. Runs only when the corpus root is given: system property {@code phonehome.corpus}
 * or environment variable {@code PHONEHOME_CORPUS} (a directory holding {@code captures/} and {@code expected/}).
 */
class CorpusFramesConformanceTest {
    /** Column indexes in frames.tsv. */
    private static final int TIME = 1;
    private static final int LEN = 2;
    private static final int CAP_LEN = 3;
    /** Mismatches listed per file before the rest are only counted. */
    private static final int DETAILS_PER_FILE = 3;

    @Test
    void everyCorpusCaptureMatchesTsharkFrames() throws IOException {
        String root = System.getProperty("phonehome.corpus", System.getenv("PHONEHOME_CORPUS"));
        Assumptions.assumeTrue(root != null && !root.isEmpty(), "corpus root not given");
        Path captures = Path.of(root, "captures");
        Path expected = Path.of(root, "expected");
        List<String> problems = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        int files = 0;
        long frames = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(captures, "*.pcap*")) {
            List<Path> sorted = new ArrayList<>();
            dir.forEach(sorted::add);
            sorted.sort(null);
            for (Path capture : sorted) {
                files++;
                frames += check(capture, expected, problems, damaged);
            }
        }
        System.out.printf("corpus: %d files, %d frames, %d problems%n", files, frames, problems.size());
        damaged.forEach(d -> System.out.println("damaged (as tshark says): " + d));
        problems.forEach(p -> System.out.println("MISMATCH " + p));
        assertThat(problems).isEmpty();
    }

    private static long check(Path capture, Path expected, List<String> problems, List<String> damaged)
            throws IOException {
        String name = capture.getFileName().toString();
        Path tsv = expected.resolve(name + ".frames.tsv");
        List<String[]> rows = new ArrayList<>();
        if (Files.exists(tsv)) {
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                rows.add(line.split("\t", -1));
            }
        }
        Path stderr = expected.resolve(name + ".stderr.txt");
        boolean tsharkSawDamage = Files.exists(stderr) && Files.size(stderr) > 0;
        int index = 0;
        int details = 0;
        String error = null;
        try (CaptureReader reader = Captures.open(capture)) {
            CapturedPacket packet;
            while ((packet = reader.next()) != null) {
                // Custom blocks take frame numbers without being packets: match rows by frame number.
                int row = (int) packet.frameNumber() - 1;
                if (row < rows.size()) {
                    String mismatch = compare(rows.get(row), packet);
                    if (mismatch != null && details++ < DETAILS_PER_FILE) {
                        problems.add(name + " frame " + (index + 1) + ": " + mismatch);
                    }
                }
                index++;
            }
            index += (int) reader.counters().get("pcapng_custom_block");
        } catch (CaptureFormatException e) {
            error = e.getMessage();
        }
        if (details > DETAILS_PER_FILE) {
            problems.add(name + ": " + (details - DETAILS_PER_FILE) + " more frame mismatches");
        }
        if (index != rows.size()) {
            problems.add(name + ": " + index + " records and custom blocks read, tshark shows " + rows.size()
                    + (error != null ? " (" + error + ")" : ""));
        }
        if (error != null && !tsharkSawDamage) {
            problems.add(name + ": reader reports damage tshark does not: " + error);
        } else if (error == null && tsharkSawDamage) {
            problems.add(name + ": tshark reports damage the reader does not: " + Files.readString(stderr).trim());
        } else if (error != null) {
            damaged.add(name + ": " + error);
        }
        return index;
    }

    private static String compare(String[] row, CapturedPacket packet) {
        StringBuilder out = new StringBuilder();
        String time = row[TIME];
        if (!time.isEmpty() && nanos(time) != packet.timestampNanos()) {
            out.append(" time ").append(time).append(" vs ").append(packet.timestampNanos());
        }
        if (Integer.parseInt(row[LEN]) != packet.originalLength()) {
            out.append(" len ").append(row[LEN]).append(" vs ").append(packet.originalLength());
        }
        if (Integer.parseInt(row[CAP_LEN]) != packet.data().length) {
            out.append(" cap_len ").append(row[CAP_LEN]).append(" vs ").append(packet.data().length);
        }
        return out.length() == 0 ? null : out.toString().trim();
    }

    /**
     * tshark's epoch time as nanoseconds. It prints 9 decimals, except that a nanosecond field above 10^9 (only in
     * damaged files) comes out as is, un-normalised, with more digits.
     */
    static long nanos(String epoch) {
        boolean negative = epoch.startsWith("-");
        String unsigned = negative ? epoch.substring(1) : epoch;
        int dot = unsigned.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? unsigned : unsigned.substring(0, dot));
        String fraction = dot < 0 ? "" : unsigned.substring(dot + 1);
        long fractionNanos = fraction.length() <= 9
                ? Long.parseLong((fraction + "000000000").substring(0, 9))
                : Long.parseLong(fraction);
        long value = seconds * 1_000_000_000L + fractionNanos;
        return negative ? -value : value;
    }
}
