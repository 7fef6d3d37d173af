/**
 * Generic pattern detectors: identifiers the device profile does not name, found by shape plus a validator
 * (IMEI with Luhn and a reporting body, IMSI with a known MCC and a key, ICCID, e-mail, phone numbers with
 * libphonenumber, coordinates, MAC addresses, advertising IDs).
 *
 * <p>Every detector is false-positive averse: a capture is full of nonces, UUIDs, timestamps and hashes, and the
 * profile-based matcher already finds the identifiers the user named. Entry point: {@link
 * org.phonehome.detect.pattern.PatternDetector}; the detectors are listed in one registry, {@link
 * org.phonehome.detect.pattern.PatternKind}.
 */
package org.phonehome.detect.pattern;
