package org.phonehome.detect.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

    /** A SnakeYAML syntax error as one line: "line N: invalid YAML: problem (while ... started on line M)". */
    private ProfileException syntaxError(JsonProcessingException e) {
        org.phonehome.FileDiagnostics.SyntaxError error = org.phonehome.FileDiagnostics.yamlSyntaxError(e);
        return diagnostics.error(error.line(), error.problem());
    }
}
