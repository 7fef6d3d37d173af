package org.phonehome.detect.profile;

/**
 * One textual form of a profile value, before any transform.
 *
 * @param name     the format's name for {@code IdentifierVariant.format}, e.g. {@code e164}, {@code colon-lower}
 * @param text     the value in this form
 * @param boundary true when the form is numeric or hexadecimal, so its plain and hex matches need a boundary
 */
record ValueFormat(String name, String text, boolean boundary) {
    /** The format name of a value used exactly as the profile gives it. */
    static final String AS_GIVEN = "as-given";
}
