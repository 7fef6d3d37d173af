package org.phonehome.policy;

import java.util.List;
import java.util.Set;

/** The report's {@code identifier} vocabulary (docs/DESIGN.md), the names a service's {@code data} list may use. */
public final class Identifiers {
    /** Every identifier name, in DESIGN.md's order. */
    public static final List<String> NAMES = List.of("imei", "imsi", "iccid", "phone", "serial", "android_id",
            "advertising_id", "wifi_mac", "bt_mac", "email", "account_id", "contact", "sms", "url", "location",
            "canary", "custom");

    private static final Set<String> KNOWN = Set.copyOf(NAMES);

    private Identifiers() {
    }

    /** True when {@code name} is in the vocabulary (exact, lower case). */
    public static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }
}
