package org.phonehome.detect.profile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The device under audit, as its {@code device.yaml} describes it.
 *
 * @param name        the device's display name, or null
 * @param region      ISO 3166 region for phone numbers written without {@code +}, e.g. {@code CN}, or null
 * @param identifiers values per identifier kind (only {@link ProfileIdentifier#NAMED} kinds), deduplicated, in
 *                    file order; kinds without values are absent
 * @param canaries    planted data
 * @param warnings    problems that did not stop loading, each "file line N: ...", in file order
 */
public record DeviceProfile(String name, String region, Map<ProfileIdentifier, List<String>> identifiers,
                            Canaries canaries, List<String> warnings) {

    public DeviceProfile {
        EnumMap<ProfileIdentifier, List<String>> copy = new EnumMap<>(ProfileIdentifier.class);
        identifiers.forEach((id, values) -> copy.put(id, List.copyOf(values)));
        identifiers = Collections.unmodifiableMap(copy);
        warnings = List.copyOf(warnings);
    }

    /** The values of one identifier kind, empty when the profile names none. */
    public List<String> values(ProfileIdentifier id) {
        return identifiers.getOrDefault(id, List.of());
    }
}
