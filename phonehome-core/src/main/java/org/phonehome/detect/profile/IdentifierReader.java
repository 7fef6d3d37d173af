package org.phonehome.detect.profile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code device.identifiers}: known keys, each a string or a list of strings. */
final class IdentifierReader {
    private final Diagnostics diagnostics;
    private final ValueReader values;

    IdentifierReader(Diagnostics diagnostics, ValueReader values) {
        this.diagnostics = diagnostics;
        this.values = values;
    }

    /** The values per identifier, validated (warnings only); a key given twice has its values merged. */
    Map<ProfileIdentifier, List<String>> read(YamlNode node, ValueValidator validator) throws ProfileException {
        Map<ProfileIdentifier, List<String>> result = new EnumMap<>(ProfileIdentifier.class);
        if (node instanceof YamlNode.Scalar s && s.text() == null) {
            return result;
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            throw diagnostics.error(node.line(), "identifiers must be a mapping (" + ProfileIdentifier.namedList()
                    + "), found " + YamlNode.describe(node));
        }
        for (YamlNode.Entry entry : map.entries()) {
            Optional<ProfileIdentifier> id = ProfileIdentifier.named(entry.key());
            if (id.isEmpty()) {
                diagnostics.warn(entry.line(), "unknown identifier '" + entry.key() + "' (known: "
                        + ProfileIdentifier.namedList() + ")");
                continue;
            }
            List<String> list = result.computeIfAbsent(id.get(), k -> new ArrayList<>());
            Set<String> present = new HashSet<>(list);
            for (ValueReader.Located value : values.strings(entry.key(), entry.value())) {
                if (!present.add(value.text())) {
                    diagnostics.warn(value.line(), "duplicate " + entry.key() + " '" + value.text() + "' ignored");
                    continue;
                }
                validator.check(id.get(), value);
                list.add(value.text());
            }
            if (list.isEmpty()) {
                result.remove(id.get());
            }
        }
        return result;
    }
}
