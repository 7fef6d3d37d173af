package org.phonehome.detect.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The identifier kinds a profile can name, with the report's {@code identifier} and {@code category} for each.
 *
 * <pre>
 * identifier      category        from
 * imei            device_id       device.identifiers.imei
 * imsi            subscriber_id   device.identifiers.imsi
 * iccid           subscriber_id   device.identifiers.iccid
 * phone           subscriber_id   device.identifiers.phone (the MSISDN identifies the subscription)
 * serial          device_id       device.identifiers.serial
 * android_id      device_id       device.identifiers.android_id
 * advertising_id  device_id       device.identifiers.advertising_id
 * wifi_mac        device_id       device.identifiers.wifi_mac
 * bt_mac          device_id       device.identifiers.bt_mac
 * email           account         device.identifiers.email
 * account_id      account         device.identifiers.account_id
 * contact         contact         device.canaries.contacts (name and phone)
 * sms             message         device.canaries.messages
 * url             browsing        device.canaries.urls
 * location        location        device.canaries.locations
 * canary          canary          device.canaries.strings (or canaries given as a plain list)
 * </pre>
 */
public enum ProfileIdentifier {
    IMEI("imei", "device_id"),
    IMSI("imsi", "subscriber_id"),
    ICCID("iccid", "subscriber_id"),
    PHONE("phone", "subscriber_id"),
    SERIAL("serial", "device_id"),
    ANDROID_ID("android_id", "device_id"),
    ADVERTISING_ID("advertising_id", "device_id"),
    WIFI_MAC("wifi_mac", "device_id"),
    BT_MAC("bt_mac", "device_id"),
    EMAIL("email", "account"),
    ACCOUNT_ID("account_id", "account"),
    CONTACT("contact", "contact"),
    SMS("sms", "message"),
    URL("url", "browsing"),
    LOCATION("location", "location"),
    CANARY("canary", "canary");

    /** The kinds written under {@code device.identifiers}, in file-format order. */
    public static final List<ProfileIdentifier> NAMED =
            List.of(IMEI, IMSI, ICCID, PHONE, SERIAL, ANDROID_ID, ADVERTISING_ID, WIFI_MAC, BT_MAC, EMAIL, ACCOUNT_ID);

    private final String key;
    private final String category;

    ProfileIdentifier(String key, String category) {
        this.key = key;
        this.category = category;
    }

    /** The report's {@code identifier} name, also the key under {@code device.identifiers}. */
    public String key() {
        return key;
    }

    /** The report's {@code category}. */
    public String category() {
        return category;
    }

    /** The kind written as {@code key} under {@code device.identifiers}, if there is one. */
    public static Optional<ProfileIdentifier> named(String key) {
        return NAMED.stream().filter(id -> id.key.equals(key)).findFirst();
    }

    /** "imei, imsi, ..." for messages. */
    static String namedList() {
        return String.join(", ", Arrays.stream(values()).filter(NAMED::contains).map(ProfileIdentifier::key).toList());
    }
}
