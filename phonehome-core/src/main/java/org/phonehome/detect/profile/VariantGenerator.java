package org.phonehome.detect.profile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.phonehome.detect.IdentifierVariant;

/**
 * Turns a {@link DeviceProfile} into the byte strings detection looks for: every value's formats
 * ({@link ValueFormats}, {@link PhoneFormats}, {@link LocationFormats}) times every transform ({@link Transforms}).
 *
 * <p>Refs: {@code imei[0]}, {@code canaries.contacts[0].name}, {@code canaries.contacts[0].phone},
 * {@code canaries.messages[0]}, {@code canaries.urls[0]}, {@code canaries.locations[0]}, {@code canaries.strings[0]}.
 * Identifier and category per kind: see {@link ProfileIdentifier}. A format whose text is shorter than
 * {@link ProfileLimits#MIN_VARIANT_BYTES} is dropped with all its transforms (a short value identifies nothing,
 * hashed or not), and so is any other variant shorter than that (a short base64 fragment); each counts once in
 * {@link VariantSet#tooShort()}. A variant is also dropped when its
 * bytes equal an earlier variant of the same ref (the first, most specific, is kept: plain before urlencoded, the
 * value as given before derived formats). {@code boundary} follows the rule in {@link Transforms}.
 */
public final class VariantGenerator {

    private VariantGenerator() {
    }

    /** The variants of {@code profile}. */
    public static List<IdentifierVariant> variants(DeviceProfile profile) {
        return generate(profile).variants();
    }

    /** The variants of {@code profile} with the counts of those left out. */
    public static VariantSet generate(DeviceProfile profile) {
        Collector out = new Collector();
        profile.identifiers().forEach((id, values) -> {
            for (int i = 0; i < values.size(); i++) {
                out.add(id, id.key() + "[" + i + "]", ValueFormats.of(id, values.get(i), profile.region()));
            }
        });
        Canaries canaries = profile.canaries();
        for (int i = 0; i < canaries.contacts().size(); i++) {
            Contact contact = canaries.contacts().get(i);
            String ref = "canaries.contacts[" + i + "].";
            if (contact.name() != null) {
                out.add(ProfileIdentifier.CONTACT, ref + "name", List.of(
                        new ValueFormat(ValueFormat.AS_GIVEN, contact.name(), false),
                        new ValueFormat("lower", contact.name().toLowerCase(Locale.ROOT), false)));
            }
            if (contact.phone() != null) {
                out.add(ProfileIdentifier.CONTACT, ref + "phone", PhoneFormats.of(contact.phone(), profile.region()));
            }
        }
        addStrings(out, ProfileIdentifier.SMS, "canaries.messages", canaries.messages(), profile.region());
        addStrings(out, ProfileIdentifier.URL, "canaries.urls", canaries.urls(), profile.region());
        for (int i = 0; i < canaries.locations().size(); i++) {
            out.add(ProfileIdentifier.LOCATION, "canaries.locations[" + i + "]",
                    LocationFormats.of(canaries.locations().get(i)));
        }
        addStrings(out, ProfileIdentifier.CANARY, "canaries.strings", canaries.strings(), profile.region());
        return new VariantSet(out.variants, out.tooShort, out.duplicates);
    }

    private static void addStrings(Collector out, ProfileIdentifier id, String prefix, List<String> values,
                                   String region) {
        for (int i = 0; i < values.size(); i++) {
            out.add(id, prefix + "[" + i + "]", ValueFormats.of(id, values.get(i), region));
        }
    }

    /** Accumulates variants, dropping short and repeated ones. */
    private static final class Collector {
        private final List<IdentifierVariant> variants = new ArrayList<>();
        private int tooShort;
        private int duplicates;

        void add(ProfileIdentifier id, String ref, List<ValueFormat> formats) {
            Set<ByteBuffer> seen = new HashSet<>();
            for (ValueFormat format : formats) {
                if (format.text().getBytes(StandardCharsets.UTF_8).length < ProfileLimits.MIN_VARIANT_BYTES) {
                    tooShort++; // too short to identify anything, in any encoding (its hashes included)
                    continue;
                }
                for (Transforms.Encoded encoded : Transforms.of(format)) {
                    if (encoded.bytes().length < ProfileLimits.MIN_VARIANT_BYTES) {
                        tooShort++;
                    } else if (!seen.add(ByteBuffer.wrap(encoded.bytes()))) {
                        duplicates++;
                    } else {
                        variants.add(new IdentifierVariant(id.key(), id.category(), ref, format.name(),
                                encoded.encoding(), encoded.bytes(), encoded.boundary()));
                    }
                }
            }
        }
    }
}
