package org.phonehome.detect.profile;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;

/**
 * The forms a phone number is sent in: E.164 with and without {@code +}, with the {@code 00} international prefix,
 * the national significant number, the national number with its trunk prefix, and libphonenumber's INTERNATIONAL
 * and NATIONAL layouts as formatted, with spaces and with dashes.
 */
final class PhoneFormats {

    private PhoneFormats() {
    }

    /** The forms of {@code text}; only the text as given when it cannot be parsed (the loader has warned). */
    static List<ValueFormat> of(String text, String region) {
        List<ValueFormat> formats = new ArrayList<>();
        formats.add(new ValueFormat(ValueFormat.AS_GIVEN, text, true));
        PhoneNumber number = PhoneNumbers.parse(text, region).number();
        if (number == null) {
            return formats;
        }
        PhoneNumberUtil util = PhoneNumbers.util();
        String e164 = util.format(number, PhoneNumberFormat.E164);
        String international = util.format(number, PhoneNumberFormat.INTERNATIONAL);
        String national = util.format(number, PhoneNumberFormat.NATIONAL);
        add(formats, "e164", e164);
        add(formats, "e164-without-plus", e164.substring(1));
        add(formats, "00-prefix", "00" + e164.substring(1));
        add(formats, "national-significant", util.getNationalSignificantNumber(number));
        add(formats, "national", digitsOnly(national));
        add(formats, "international-formatted", international);
        add(formats, "international-spaces", "+" + String.join(" ", groups(international)));
        add(formats, "international-dashes", "+" + String.join("-", groups(international)));
        add(formats, "national-formatted", national);
        add(formats, "national-spaces", String.join(" ", groups(national)));
        add(formats, "national-dashes", String.join("-", groups(national)));
        return formats;
    }

    private static void add(List<ValueFormat> formats, String name, String text) {
        formats.add(new ValueFormat(name, text, true));
    }

    /** The runs of digits in {@code formatted}: "(650) 253-0000" gives 650, 253, 0000. */
    private static List<String> groups(String formatted) {
        return List.of(formatted.replaceAll("[^0-9]+", " ").strip().split(" "));
    }

    private static String digitsOnly(String formatted) {
        return formatted.replaceAll("[^0-9]", "");
    }
}
