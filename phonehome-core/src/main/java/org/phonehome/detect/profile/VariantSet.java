package org.phonehome.detect.profile;

import java.util.List;
import org.phonehome.detect.IdentifierVariant;

/**
 * The variants of a profile and what was left out.
 *
 * @param variants   every variant to look for, in profile order, no two with the same ref and bytes
 * @param tooShort   formats and variants dropped for being shorter than {@link ProfileLimits#MIN_VARIANT_BYTES}
 * @param duplicates variants dropped because an earlier variant of the same ref had the same bytes
 */
public record VariantSet(List<IdentifierVariant> variants, int tooShort, int duplicates) {

    public VariantSet {
        variants = List.copyOf(variants);
    }
}
