package org.phonehome.detect.profile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code canaries}: a mapping of kinds (contacts, messages, urls, locations, strings) or a list of strings. */
final class CanaryReader {
    private static final String KINDS = "contacts, messages, urls, locations, strings";
    private static final BigDecimal MAX_LATITUDE = BigDecimal.valueOf(90);
    private static final BigDecimal MAX_LONGITUDE = BigDecimal.valueOf(180);
    /** 15 decimals: more than a double holds and far below a millimetre; more is not a written coordinate. */
    static final int MAX_COORDINATE_DECIMALS = 15;

    private final Diagnostics diagnostics;
    private final ValueReader values;
    private final ValueValidator validator;
    private final List<Contact> contacts = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final List<Location> locations = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();
    /** First line of each value already read, keyed by kind and value, across several canaries sections. */
    private final Map<List<?>, Integer> seen = new HashMap<>();

    CanaryReader(Diagnostics diagnostics, ValueReader values, ValueValidator validator) {
        this.diagnostics = diagnostics;
        this.values = values;
        this.validator = validator;
    }

    /** Reads one {@code canaries} section (there may be two: under {@code device} and at the top). */
    void read(YamlNode node) throws ProfileException {
        if (node instanceof YamlNode.Sequence) {
            addStrings(strings, "canary", node);
        } else if (node instanceof YamlNode.Mapping map) {
            for (YamlNode.Entry entry : map.entries()) {
                switch (entry.key()) {
                    case "contacts" -> readContacts(entry.value());
                    case "messages" -> addStrings(messages, "message", entry.value());
                    case "urls" -> addStrings(urls, "url", entry.value());
                    case "locations" -> readLocations(entry.value());
                    case "strings" -> addStrings(strings, "canary", entry.value());
                    default -> diagnostics.warn(entry.line(),
                            "unknown canary kind '" + entry.key() + "' (known: " + KINDS + ")");
                }
            }
        } else if (node instanceof YamlNode.Scalar s && s.text() != null) {
            throw diagnostics.error(node.line(), "canaries must be a mapping (" + KINDS + ") or a list of strings");
        }
    }

    /** What was read. */
    Canaries canaries() {
        return new Canaries(contacts, messages, urls, locations, strings);
    }

    private void addStrings(List<String> into, String what, YamlNode node) throws ProfileException {
        for (ValueReader.Located value : values.strings(what, node)) {
            if (isNew(what, value.text(), value.line(), value.text())) {
                into.add(value.text());
            }
        }
    }

    private void readContacts(YamlNode node) throws ProfileException {
        for (YamlNode item : items(node)) {
            if (!(item instanceof YamlNode.Mapping map)) {
                throw diagnostics.error(item.line(), "a contact must be a mapping with name and/or phone");
            }
            ValueReader.Located name = null;
            ValueReader.Located phone = null;
            for (YamlNode.Entry entry : map.entries()) {
                switch (entry.key()) {
                    case "name" -> name = located(values.scalar("contact name", entry.value()), entry);
                    case "phone" -> phone = located(values.scalar("contact phone", entry.value()), entry);
                    default -> diagnostics.warn(entry.line(),
                            "unknown contact field '" + entry.key() + "' (known: name, phone)");
                }
            }
            if (name == null && phone == null) {
                throw diagnostics.error(item.line(), "a contact needs a name or a phone");
            }
            if (name != null) {
                values.warnIfTooShort("contact name", name.text(), name.line());
            }
            if (phone != null) {
                validator.checkPhone("contact phone", phone);
            }
            Contact contact = new Contact(name == null ? null : name.text(), phone == null ? null : phone.text());
            if (isNew("contact", contact, item.line(), contact.name(), contact.phone())) {
                values.count(item.line());
                contacts.add(contact);
            }
        }
    }

    private void readLocations(YamlNode node) throws ProfileException {
        for (YamlNode item : items(node)) {
            if (!(item instanceof YamlNode.Mapping map)) {
                throw diagnostics.error(item.line(), "a location must be a mapping with lat and lon");
            }
            BigDecimal lat = null;
            BigDecimal lon = null;
            for (YamlNode.Entry entry : map.entries()) {
                switch (entry.key()) {
                    case "lat" -> lat = coordinate("lat", entry.value(), MAX_LATITUDE);
                    case "lon" -> lon = coordinate("lon", entry.value(), MAX_LONGITUDE);
                    default -> diagnostics.warn(entry.line(),
                            "unknown location field '" + entry.key() + "' (known: lat, lon)");
                }
            }
            if (lat == null || lon == null) {
                throw diagnostics.error(item.line(), "a location needs both lat and lon");
            }
            Location location = new Location(lat, lon);
            if (isNew("location", location, item.line(), lat, lon)) {
                values.count(item.line());
                locations.add(location);
            }
        }
    }

    private BigDecimal coordinate(String what, YamlNode node, BigDecimal max) throws ProfileException {
        String text = values.scalar(what, node);
        BigDecimal value;
        try {
            value = text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null) {
            throw diagnostics.error(node.line(), what + " must be a decimal number of degrees");
        }
        // An error, not a warning: 1e1000000 or 1e-1000000 written out in full is a million digits, and every
        // location format of it would be a pattern that long.
        if (value.abs().compareTo(max) > 0) {
            throw diagnostics.error(node.line(), what + " " + shortened(text) + " is out of range -" + max + ".."
                    + max);
        }
        if (value.scale() > MAX_COORDINATE_DECIMALS) {
            throw diagnostics.error(node.line(), what + " " + shortened(text) + " has more than "
                    + MAX_COORDINATE_DECIMALS + " decimals");
        }
        return value;
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private List<YamlNode> items(YamlNode node) {
        if (node instanceof YamlNode.Sequence seq) {
            return seq.items();
        }
        return node instanceof YamlNode.Scalar s && s.text() == null ? List.of() : List.of(node);
    }

    private static ValueReader.Located located(String text, YamlNode.Entry entry) {
        return text == null || text.isEmpty() ? null : new ValueReader.Located(text, entry.value().line());
    }

    /**
     * Whether the {@code kind} whose {@code parts} make {@code value} was not read before (warning when it was).
     * Compared by its parts rather than as the record it is: a record's generated hashCode links method handles at
     * its first call, which took 8 to 9 ms of every start with a contact canary (docs/PERFORMANCE.md).
     */
    private boolean isNew(String kind, Object value, int line, Object... parts) {
        Object[] key = new Object[parts.length + 1];
        key[0] = kind;
        System.arraycopy(parts, 0, key, 1, parts.length);
        Integer earlier = seen.putIfAbsent(Arrays.asList(key), line);
        if (earlier != null) {
            diagnostics.warn(line, "duplicate " + kind + " " + quoted(value) + " ignored (first on line " + earlier + ")");
        }
        return earlier == null;
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "'" + s + "'" : value.toString();
    }
}
