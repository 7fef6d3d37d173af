package org.phonehome.detect;

/**
 * One byte string to look for: a form of one of the device's identifiers under one transform.
 *
 * @param identifier the identifier kind from the report's vocabulary ({@code imei}, {@code phone}, {@code canary}, ...)
 * @param category   the kind of data ({@code device_id}, {@code subscriber_id}, {@code contact}, {@code message},
 *                   {@code location}, {@code account}, {@code network}, {@code browsing}, {@code canary})
 * @param ref        which profile value it comes from, e.g. {@code imei[0]}, {@code canaries.contacts[0].phone}
 * @param format     the textual format of the value before the transform, e.g. {@code e164}, {@code national},
 *                   {@code colon-lower}, {@code without-check-digit}, {@code 4-decimals}; {@code as-given} when the
 *                   profile's text is used unchanged
 * @param encoding   the transform from the report's vocabulary ({@code plain}, {@code urlencoded}, {@code base64},
 *                   {@code base64url}, {@code hex}, {@code md5-hex}, {@code sha1-hex}, {@code sha256-hex},
 *                   {@code md5-base64}, {@code sha1-base64}, {@code sha256-base64})
 * @param bytes      the exact bytes to match (owned by this record; do not modify)
 * @param boundary   true when a match must not be preceded or followed by a character of the same class
 *                   (a digit for numeric identifiers, a hex digit for hex forms, a base64 character for a whole
 *                   base64 form), so an IMEI inside a longer digit run is not a finding
 */
public record IdentifierVariant(String identifier, String category, String ref, String format, String encoding,
                                byte[] bytes, boolean boundary) {
}
