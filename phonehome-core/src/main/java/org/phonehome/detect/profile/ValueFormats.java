package org.phonehome.detect.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The textual forms of one profile value, the value as given first.
 *
 * <pre>
 * imei            as-given, digits (separators removed), without-check-digit (15 -> 14), with-check-digit (14 -> 15)
 * imsi, iccid     as-given, digits
 * phone           see {@link PhoneFormats}
 * android_id      as-given, lower, upper
 * advertising_id  as-given, lower, upper, no-dashes-lower, no-dashes-upper
 * wifi_mac/bt_mac as-given, colon-lower/-upper, dash-lower/-upper, bare-lower/-upper, cisco-lower
 * email           as-given, lower
 * url             as-given, without-scheme
 * others          as-given
 * </pre>
 */
final class ValueFormats {
    /** IMEI digits without the check digit. */
    private static final int IMEI_BODY_DIGITS = 14;

    private ValueFormats() {
    }

    /** The forms of {@code value} of kind {@code id}; {@code region} reads national phone numbers (may be null). */
    static List<ValueFormat> of(ProfileIdentifier id, String value, String region) {
        return switch (id) {
            case IMEI -> imei(value);
            case IMSI, ICCID -> digits(value);
            case PHONE -> PhoneFormats.of(value, region);
            case ANDROID_ID -> cases(value, true);
            case ADVERTISING_ID -> advertisingId(value);
            case WIFI_MAC, BT_MAC -> mac(value);
            case EMAIL -> cases(value, false).subList(0, 2);
            case URL -> url(value);
            default -> List.of(new ValueFormat(ValueFormat.AS_GIVEN, value, false));
        };
    }

    private static List<ValueFormat> imei(String value) {
        List<ValueFormat> formats = digits(value);
        String digits = ValueValidator.digits(value);
        if (digits != null && digits.length() == IMEI_BODY_DIGITS + 1) {
            formats.add(new ValueFormat("without-check-digit", digits.substring(0, IMEI_BODY_DIGITS), true));
        } else if (digits != null && digits.length() == IMEI_BODY_DIGITS) {
            formats.add(new ValueFormat("with-check-digit", digits + Luhn.checkDigit(digits), true));
        }
        return formats;
    }

    private static List<ValueFormat> digits(String value) {
        List<ValueFormat> formats = new ArrayList<>();
        formats.add(new ValueFormat(ValueFormat.AS_GIVEN, value, true));
        String digits = ValueValidator.digits(value);
        if (digits != null && !digits.equals(value)) {
            formats.add(new ValueFormat("digits", digits, true));
        }
        return formats;
    }

    /** As given, lower case, upper case. */
    private static List<ValueFormat> cases(String value, boolean boundary) {
        return List.of(new ValueFormat(ValueFormat.AS_GIVEN, value, boundary),
                new ValueFormat("lower", value.toLowerCase(Locale.ROOT), boundary),
                new ValueFormat("upper", value.toUpperCase(Locale.ROOT), boundary));
    }

    private static List<ValueFormat> advertisingId(String value) {
        List<ValueFormat> formats = new ArrayList<>(cases(value, true));
        String bare = value.replace("-", "");
        formats.add(new ValueFormat("no-dashes-lower", bare.toLowerCase(Locale.ROOT), true));
        formats.add(new ValueFormat("no-dashes-upper", bare.toUpperCase(Locale.ROOT), true));
        return formats;
    }

    private static List<ValueFormat> mac(String value) {
        List<ValueFormat> formats = new ArrayList<>();
        formats.add(new ValueFormat(ValueFormat.AS_GIVEN, value, true));
        Optional<String> hex = MacAddress.hexDigits(value);
        if (hex.isEmpty()) {
            return formats;
        }
        String lower = hex.get();
        String upper = lower.toUpperCase(Locale.ROOT);
        formats.add(new ValueFormat("colon-lower", grouped(lower, 2, ':'), true));
        formats.add(new ValueFormat("colon-upper", grouped(upper, 2, ':'), true));
        formats.add(new ValueFormat("dash-lower", grouped(lower, 2, '-'), true));
        formats.add(new ValueFormat("dash-upper", grouped(upper, 2, '-'), true));
        formats.add(new ValueFormat("bare-lower", lower, true));
        formats.add(new ValueFormat("bare-upper", upper, true));
        formats.add(new ValueFormat("cisco-lower", grouped(lower, 4, '.'), true));
        return formats;
    }

    private static String grouped(String hex, int size, char separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += size) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(hex, i, i + size);
        }
        return out.toString();
    }

    private static List<ValueFormat> url(String value) {
        List<ValueFormat> formats = new ArrayList<>();
        formats.add(new ValueFormat(ValueFormat.AS_GIVEN, value, false));
        int scheme = value.indexOf("://");
        if (scheme > 0) {
            formats.add(new ValueFormat("without-scheme", value.substring(scheme + 3), false));
        }
        return formats;
    }
}
