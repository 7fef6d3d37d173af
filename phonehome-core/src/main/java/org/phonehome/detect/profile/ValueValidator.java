package org.phonehome.detect.profile;

import java.util.regex.Pattern;

/** Warns about identifier values that cannot be what they claim to be (wrong length, check digit, MCC, format). */
final class ValueValidator {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    /** IMEI without its check digit (TAC 8 + serial 6). */
    private static final int IMEI_BODY_DIGITS = 14;
    /** IMEI with its Luhn check digit. */
    private static final int IMEI_DIGITS = 15;
    /** ITU-T E.118: 19 digits plus the check digit; older cards print 19 in all. */
    private static final int ICCID_MIN_DIGITS = 19;
    private static final int ICCID_MAX_DIGITS = 20;
    /** ITU-T E.212: MCC (3) + MNC (2-3) + at least one MSIN digit; at most 15 digits. */
    private static final int IMSI_MIN_DIGITS = 6;
    private static final int IMSI_MAX_DIGITS = 15;

    private final Diagnostics diagnostics;
    private final String region;

    ValueValidator(Diagnostics diagnostics, String region) {
        this.diagnostics = diagnostics;
        this.region = region;
    }

    /** Warns when {@code value} does not look like a valid {@code id}. */
    void check(ProfileIdentifier id, ValueReader.Located value) {
        String text = value.text();
        String problem = switch (id) {
            case IMEI -> imei(digits(text));
            case IMSI -> imsi(digits(text));
            case ICCID -> iccid(digits(text));
            case PHONE -> phone(text);
            case WIFI_MAC, BT_MAC -> MacAddress.hexDigits(text).isPresent() ? null : "is not a 6-byte MAC address";
            case ADVERTISING_ID -> UUID.matcher(text).matches() ? null : "is not a UUID (8-4-4-4-12 hex digits)";
            case ANDROID_ID -> HEX.matcher(text).matches() ? null : "is not hexadecimal";
            case EMAIL -> text.indexOf('@') > 0 ? null : "has no '@'";
            default -> null;
        };
        if (problem != null) {
            diagnostics.warn(value.line(), id.key() + " '" + text + "' " + problem);
        }
    }

    /** Warns when a contact's phone number cannot be parsed. */
    void checkPhone(String what, ValueReader.Located value) {
        String problem = phone(value.text());
        if (problem != null) {
            diagnostics.warn(value.line(), what + " '" + value.text() + "' " + problem);
        }
    }

    private static String imei(String digits) {
        if (digits == null || (digits.length() != IMEI_DIGITS && digits.length() != IMEI_BODY_DIGITS)) {
            return "is not 14 or 15 digits";
        }
        if (digits.length() == IMEI_DIGITS && !Luhn.isValid(digits)) {
            return "fails the Luhn check (its check digit would be "
                    + Luhn.checkDigit(digits.substring(0, IMEI_BODY_DIGITS)) + ")";
        }
        return null;
    }

    private static String imsi(String digits) {
        if (digits == null || digits.length() < IMSI_MIN_DIGITS || digits.length() > IMSI_MAX_DIGITS) {
            return "is not " + IMSI_MIN_DIGITS + " to " + IMSI_MAX_DIGITS + " digits";
        }
        return Mcc.imsiHasKnownMcc(digits) ? null
                : "starts with " + digits.substring(0, 3) + ", which is not a mobile country code (ITU-T E.212)";
    }

    private static String iccid(String digits) {
        if (digits == null || digits.length() < ICCID_MIN_DIGITS || digits.length() > ICCID_MAX_DIGITS) {
            return "is not " + ICCID_MIN_DIGITS + " or " + ICCID_MAX_DIGITS + " digits";
        }
        return Luhn.isValid(digits) ? null : "fails the Luhn check";
    }

    private String phone(String text) {
        return PhoneNumbers.parse(text, region).problem();
    }

    /** The digits of {@code text} with spaces and dashes removed, or null when anything else is in it. */
    static String digits(String text) {
        String digits = text.replace(" ", "").replace("-", "");
        return Luhn.isDigits(digits) ? digits : null;
    }
}
