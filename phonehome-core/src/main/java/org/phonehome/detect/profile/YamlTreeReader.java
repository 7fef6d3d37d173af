package org.phonehome.detect.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into {@link YamlNode}s with line numbers, keeping every scalar's source text. Aliases are refused
 * (a profile has no use for them and they are the way to blow up a YAML document); SnakeYAML's own bounds (nesting
 * depth 50, 3 MB of code points) apply.
 */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Diagnostics diagnostics;

    YamlTreeReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The document's root, or an empty-text scalar (null text) for an empty document. */
    YamlNode read(String yamlText) throws ProfileException {
        try (JsonParser parser = FACTORY.createParser(yamlText)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode.Scalar(null, 1);
            }
            YamlNode root = readValue(parser);
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        } catch (IOException e) {
            throw diagnostics.error(0, "cannot read YAML: " + e.getMessage());
        }
    }

    private YamlNode readValue(JsonParser parser) throws IOException, ProfileException {
        int line = parser.currentTokenLocation().getLineNr();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw diagnostics.error(line, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
        }
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            List<YamlNode.Entry> entries = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                entries.add(new YamlNode.Entry(key, keyLine, readValue(parser)));
            }
            return new YamlNode.Mapping(List.copyOf(entries), line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(parser));
            }
            return new YamlNode.Sequence(List.copyOf(items), line);
        }
        return new YamlNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
    }

    /** Turns SnakeYAML's multi-line message into "line N: problem (while ... started on line M)". */
    private ProfileException syntaxError(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark problemMark = marked.getProblemMark();
                String problem = "invalid YAML: " + oneLine(marked.getProblem());
                Mark contextMark = marked.getContextMark();
                if (marked.getContext() != null && contextMark != null) {
                    problem += " (" + oneLine(marked.getContext()) + " started on line " + (contextMark.getLine() + 1) + ")";
                }
                return diagnostics.error(problemMark.getLine() + 1, problem);
            }
        }
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return diagnostics.error(line, "invalid YAML: " + (newline < 0 ? message : message.substring(0, newline)));
    }

    /** SnakeYAML's problem texts may span lines (e.g. "unexpected character found\n(10)"): errors are one line. */
    private static String oneLine(String text) {
        return text == null ? null : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
