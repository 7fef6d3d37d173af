package org.phonehome.detect.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a {@code device.yaml} into a {@link DeviceProfile}.
 *
 * <p>Errors (a {@link ProfileException}, one sentence "device.yaml line 7: ..."): malformed YAML, a value of the
 * wrong type, a value longer than {@link ProfileLimits#MAX_VALUE_CHARS}, more than {@link ProfileLimits#MAX_VALUES}
 * values, a file larger than {@link ProfileLimits#MAX_PROFILE_CHARS}, a profile with no identifiers and no canaries.
 * Warnings (in {@link DeviceProfile#warnings()}, same form): unknown keys, duplicates (dropped), and values that
 * cannot be what they claim (IMEI/ICCID Luhn, IMSI MCC, unparsable phone, MAC length, UUID, e-mail, coordinates).
 */
public final class DeviceProfileLoader {
    private static final String DEVICE_KEYS = "name, region, identifiers, canaries";

    private DeviceProfileLoader() {
    }

    /**
     * Starts the libraries that reading a profile uses (libphonenumber's metadata, the message digests) on a daemon
     * thread and returns at once, so that a process about to read a profile pays their start-up (about 60 ms of
     * CPU, most of it code run once) on a core that is idle while it starts, not on the thread that waits for the
     * profile. Nothing is lost when it is not done or fails: the first real use does the same.
     */
    public static void preloadLibraries() {
        Thread t = new Thread(() -> {
            try {
                PhoneNumbers.parse("+44 20 7946 0000", null);
                Transforms.warmUp();
            } catch (RuntimeException e) {
                // the first real use meets it again and reports it
            }
        }, "phonehome-profile-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Loads the profile at {@code path}; messages name the path as given. */
    public static DeviceProfile load(Path path) throws ProfileException {
        String fileName = path.toString();
        try {
            if (Files.size(path) > ProfileLimits.MAX_PROFILE_CHARS) {
                throw new ProfileException(fileName, 0, "file is larger than " + ProfileLimits.MAX_PROFILE_CHARS
                        + " bytes; a device profile is a few lines");
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return load(text, fileName);
        } catch (NoSuchFileException e) {
            throw new ProfileException(fileName, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new ProfileException(fileName, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new ProfileException(fileName, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Loads a profile from its text; {@code fileName} is used in messages. */
    public static DeviceProfile load(String yamlText, String fileName) throws ProfileException {
        Diagnostics diagnostics = new Diagnostics(fileName);
        if (yamlText.length() > ProfileLimits.MAX_PROFILE_CHARS) {
            throw diagnostics.error(0, "file is larger than " + ProfileLimits.MAX_PROFILE_CHARS
                    + " characters; a device profile is a few lines");
        }
        YamlNode root = new YamlTreeReader(diagnostics).read(yamlText);
        return new Reading(diagnostics).profile(root);
    }

    /** The state of reading one file. */
    private static final class Reading {
        private final Diagnostics diagnostics;
        private final ValueReader values;
        private final IdentifierReader identifiers;
        private String name;
        private String region;
        private YamlNode identifiersNode;
        private final List<YamlNode> canaryNodes = new ArrayList<>();

        Reading(Diagnostics diagnostics) {
            this.diagnostics = diagnostics;
            this.values = new ValueReader(diagnostics);
            this.identifiers = new IdentifierReader(diagnostics, values);
        }

        DeviceProfile profile(YamlNode root) throws ProfileException {
            if (root instanceof YamlNode.Mapping top) {
                for (YamlNode.Entry entry : top.entries()) {
                    switch (entry.key()) {
                        case "device" -> readDevice(entry.value());
                        case "canaries" -> canaryNodes.add(entry.value());
                        default -> diagnostics.warn(entry.line(), "unknown key '" + entry.key() + "' (known: device)");
                    }
                }
            } else if (!(root instanceof YamlNode.Scalar s && s.text() == null)) {
                throw diagnostics.error(root.line(), "a profile must be a mapping with a 'device' key, found "
                        + YamlNode.describe(root));
            }
            ValueValidator validator = new ValueValidator(diagnostics, region);
            Map<ProfileIdentifier, List<String>> ids = identifiersNode == null
                    ? new EnumMap<>(ProfileIdentifier.class) : identifiers.read(identifiersNode, validator);
            CanaryReader canaries = new CanaryReader(diagnostics, values, validator);
            for (YamlNode node : canaryNodes) {
                canaries.read(node);
            }
            Canaries planted = canaries.canaries();
            if (ids.isEmpty() && planted.size() == 0) {
                throw diagnostics.error(root.line(), "the profile names no identifiers and no canaries; "
                        + "give device.identifiers (" + ProfileIdentifier.namedList() + ") or device.canaries");
            }
            return new DeviceProfile(name, region, ids, planted, diagnostics.warnings());
        }

        private void readDevice(YamlNode node) throws ProfileException {
            if (node instanceof YamlNode.Scalar s && s.text() == null) {
                return;
            }
            if (!(node instanceof YamlNode.Mapping device)) {
                throw diagnostics.error(node.line(), "device must be a mapping (" + DEVICE_KEYS + "), found "
                        + YamlNode.describe(node));
            }
            for (YamlNode.Entry entry : device.entries()) {
                switch (entry.key()) {
                    case "name" -> name = values.scalar("name", entry.value());
                    case "region" -> region = readRegion(entry.value());
                    case "identifiers" -> identifiersNode = entry.value();
                    case "canaries" -> canaryNodes.add(entry.value());
                    default -> diagnostics.warn(entry.line(), "unknown key '" + entry.key() + "' in device (known: "
                            + DEVICE_KEYS + ")");
                }
            }
        }

        private String readRegion(YamlNode node) throws ProfileException {
            String text = values.scalar("region", node);
            if (text == null) {
                return null;
            }
            String upper = text.toUpperCase(Locale.ROOT);
            if (!PhoneNumbers.isKnownRegion(upper)) {
                diagnostics.warn(node.line(), "region '" + text + "' is not an ISO 3166 region libphonenumber knows;"
                        + " national phone numbers cannot be read");
                return null;
            }
            return upper;
        }
    }
}
