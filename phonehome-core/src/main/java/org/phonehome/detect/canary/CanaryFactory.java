package org.phonehome.detect.canary;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.phonehome.detect.profile.Canaries;
import org.phonehome.detect.profile.Contact;
import org.phonehome.detect.profile.Location;

/**
 * Makes fresh canaries to plant on a phone before a test (F-Secure's method): a contact with a name and a number,
 * a message, a visited URL, a location and a token, each unique enough that seeing it in traffic proves it came
 * from this phone. Random but plausible, so apps treat them as real data.
 */
public final class CanaryFactory {

    /** Letters and digits without look-alikes (Crockford's base32), for tokens that survive retyping. */
    private static final String TOKEN_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** 10 base32 characters: 50 bits, so two canary sets never collide by chance. */
    private static final int TOKEN_LENGTH = 10;
    private static final List<String> GIVEN = List.of("Heron", "Linnet", "Plover", "Wren", "Egret", "Tern", "Avocet",
            "Dunlin", "Godwit", "Merlin");
    private static final List<String> FAMILY = List.of("Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao",
            "Smith", "Garcia", "Kumar", "Silva", "Novak", "Okafor");
    private static final List<String> WORDS = List.of("blue", "dawn", "river", "amber", "quiet", "north", "cedar",
            "maple", "silver", "harbor", "lantern", "meadow");

    private final RandomGenerator random;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /** @param random where the randomness comes from (a SecureRandom for real use, seeded in tests) */
    public CanaryFactory(RandomGenerator random) {
        this.random = random;
    }

    /**
     * A fresh set of canaries.
     *
     * @param region ISO 3166 region of the phone's SIM (its canary contact gets a valid mobile number there)
     * @param near   a position the planted location should be close to (within about 5 km), or null for anywhere
     */
    public Canaries create(String region, Location near) {
        String token = token();
        Contact contact = new Contact(pick(GIVEN) + " " + token.substring(0, 4).charAt(0)
                + token.substring(1, 4).toLowerCase(Locale.ROOT) + " " + pick(FAMILY), mobileNumber(region));
        String message = pick(WORDS) + "-" + (1000 + random.nextInt(9000)) + " " + pick(WORDS) + " " + pick(WORDS)
                + " " + token.substring(4, 8).toLowerCase(Locale.ROOT);
        String url = "https://example.org/canary-" + token.toLowerCase(Locale.ROOT);
        return new Canaries(List.of(contact), List.of(message), List.of(url), List.of(location(near)),
                List.of("PHCANARY-" + token));
    }

    private String token() {
        StringBuilder sb = new StringBuilder(TOKEN_LENGTH);
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            sb.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A valid mobile number of {@code region}: the region's example mobile number with its last digits replaced. */
    String mobileNumber(String region) {
        PhoneNumber example = phones.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
        if (example == null) {
            throw new IllegalArgumentException("no mobile numbers are known for region " + region);
        }
        String national = phones.getNationalSignificantNumber(example);
        int keep = Math.max(3, national.length() - 6);
        for (int attempt = 0; attempt < 1000; attempt++) {
            StringBuilder digits = new StringBuilder(national.substring(0, keep));
            while (digits.length() < national.length()) {
                digits.append(random.nextInt(10));
            }
            try {
                PhoneNumber candidate = phones.parse("+" + example.getCountryCode() + digits, region);
                if (phones.isValidNumber(candidate) && !digits.toString().equals(national)) {
                    return phones.format(candidate, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
                }
            } catch (NumberParseException e) {
                // try other digits
            }
        }
        return phones.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
    }

    private Location location(Location near) {
        double lat;
        double lon;
        if (near == null) {
            lat = -55 + random.nextDouble() * 125;
            lon = -180 + random.nextDouble() * 360;
        } else {
            lat = near.lat().doubleValue() + (random.nextDouble() - 0.5) * 0.09;
            lon = near.lon().doubleValue() + (random.nextDouble() - 0.5) * 0.09;
        }
        return new Location(BigDecimal.valueOf(lat).setScale(5, RoundingMode.HALF_UP),
                BigDecimal.valueOf(lon).setScale(5, RoundingMode.HALF_UP));
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
