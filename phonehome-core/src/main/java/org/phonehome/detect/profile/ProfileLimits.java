package org.phonehome.detect.profile;

/** Bounds on a device profile and on the variants made from it. */
public final class ProfileLimits {

    /** 1 MiB of text: a profile with the maximum number of maximum-length values fits; anything larger is not one. */
    public static final int MAX_PROFILE_CHARS = 1 << 20;

    /**
     * 1024 characters per value: longer than any identifier, URL or planted message a test needs; a longer value is
     * almost certainly a pasted file, and would make every variant (and the matcher's automaton) needlessly large.
     */
    public static final int MAX_VALUE_CHARS = 1024;

    /**
     * 1000 values in one profile: each value yields up to a few hundred variants, so this keeps the automaton under
     * a few hundred thousand patterns while leaving room for a large canary list.
     */
    public static final int MAX_VALUES = 1000;

    /**
     * 6 bytes: the shortest variant worth matching. A 4-character base64 fragment or a 5-letter name would match
     * by chance in any sizeable capture (1 in 16 million per offset for 4 base64 characters is hit every few MB).
     */
    public static final int MIN_VARIANT_BYTES = 6;

    private ProfileLimits() {
    }
}
