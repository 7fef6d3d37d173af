package org.phonehome.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads the JSON report: snake_case names, fixed key order, so the same audit gives the same bytes. */
public final class JsonReport {
    private final ObjectMapper mapper;

    /** A writer/reader with the report's settings. */
    public JsonReport() {
        mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        mapper.setDefaultPrettyPrinter(printer);
    }

    /** The report as JSON text, ending with a newline. */
    public String toJson(Audit audit) {
        try {
            return mapper.writeValueAsString(audit) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the report to a stream (not closed). */
    public void write(Audit audit, OutputStream out) throws IOException {
        out.write(toJson(audit).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Writes the report to a file atomically: a temporary file in the same folder is renamed over the target,
     * so a crash never leaves half a report. A target that exists and is not a regular file (a device such as
     * {@code /dev/null} or {@code /dev/stdout}, a named pipe) is written to in place instead: renaming over it
     * would replace the device with a file, which root may do. A symbolic link to a file stays a link: the file it
     * points to is replaced (a dangling link is replaced by the report).
     */
    public void write(Audit audit, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            if (!Files.isRegularFile(target)) {
                try (OutputStream out = Files.newOutputStream(target)) {
                    write(audit, out);
                }
                return;
            }
            target = target.toRealPath();
        }
        org.phonehome.ReplacedFile.write(target, toJson(audit).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reads a report written by {@link #write}. */
    public Audit read(Path file) throws IOException {
        return mapper.readValue(file.toFile(), Audit.class);
    }
}
