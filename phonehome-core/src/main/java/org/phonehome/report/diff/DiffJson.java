package org.phonehome.report.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/**
 * The diff as JSON, with the report's conventions (snake_case, fixed key order, two-space indent): {@code worse},
 * {@code worse_reasons}, {@code findings_appeared}, {@code findings_disappeared} (each {@code identifier},
 * {@code encoding}, {@code part}, {@code name}, {@code host}, {@code direction}, {@code count}, {@code verdict},
 * {@code rule}, {@code country}), {@code verdict_changed} (the key, {@code before}, {@code after},
 * {@code rule_before}, {@code rule_after}), {@code destinations_appeared} and {@code destinations_disappeared} (the
 * report's destination objects) and {@code destinations_changed} ({@code host},
 * {@code contact_after_opt_out_before}/{@code _after}, {@code flows_before}/{@code _after}).
 */
public final class DiffJson {
    private final ObjectMapper mapper;

    /** A writer with the report's settings. */
    public DiffJson() {
        mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        mapper.setDefaultPrettyPrinter(new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    }

    /** The JSON text, ending with a newline. */
    public String render(AuditDiff diff) {
        try {
            return mapper.writeValueAsString(diff) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
