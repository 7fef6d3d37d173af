package org.phonehome.detect.pattern;

import java.util.function.Function;

/**
 * The registry of pattern detectors, in priority order: when two hits overlap, the one of the kind listed first
 * is kept (an IMSI under an {@code imsi} key beats the same digits read as an IMEI; an IMEI beats a phone number).
 */
public enum PatternKind {
    /** 15 digits after an {@code imsi}/{@code subscriber} key, with a known MCC. */
    IMSI(config -> new ImsiDetector()),
    /** 15 digits, Luhn-valid, with an allocated reporting body identifier. */
    IMEI(config -> new ImeiDetector()),
    /** 19-20 digits starting 89 and a calling code, Luhn-valid. */
    ICCID(config -> new IccidDetector()),
    /** A version 4 UUID after an advertising-id key. */
    ADVERTISING_ID(config -> new AdvertisingIdDetector()),
    /** Six hex octets with {@code :} or {@code -}, unicast. */
    MAC(config -> new MacDetector()),
    /** A syntactically valid address outside URL userinfo. */
    EMAIL(config -> new EmailDetector()),
    /** A latitude/longitude pair, as {@code lat,lon} or under lat/lon keys. */
    LOCATION(config -> new LocationDetector()),
    /** A valid phone number (libphonenumber), international or after a phone key. */
    PHONE(config -> new PhoneDetector(config.defaultRegion()));

    private final Function<PatternConfig, Detector> factory;

    PatternKind(Function<PatternConfig, Detector> factory) {
        this.factory = factory;
    }

    Detector create(PatternConfig config) {
        return factory.apply(config);
    }
}
