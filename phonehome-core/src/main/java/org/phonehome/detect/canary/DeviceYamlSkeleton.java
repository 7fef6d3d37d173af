package org.phonehome.detect.canary;

import org.phonehome.detect.profile.Canaries;
import org.phonehome.detect.profile.Contact;
import org.phonehome.detect.profile.Location;

/** Writes a {@code device.yaml} skeleton: the identifiers to fill in, and the canaries to plant. */
public final class DeviceYamlSkeleton {
    private DeviceYamlSkeleton() {
    }

    /** The YAML text (DESIGN.md's device profile format). */
    public static String of(String deviceName, Canaries c) {
        StringBuilder y = new StringBuilder();
        y.append("# phonehome device profile. Fill in the identifiers from the phone's settings (Settings > About\n");
        y.append("# phone, or *#06# for the IMEI); remove the ones you do not know. Plant every canary below on the\n");
        y.append("# phone before capturing: add the contact, send the message to yourself, visit the URL, and so on.\n");
        y.append("device:\n");
        y.append("  name: ").append(quote(deviceName)).append('\n');
        y.append("  identifiers:\n");
        for (String id : new String[] {"imei", "imsi", "iccid", "phone", "serial", "android_id", "advertising_id",
            "wifi_mac", "email"}) {
            y.append("    # ").append(id).append(": \"\"\n");
        }
        y.append("  canaries:\n");
        y.append("    contacts:\n");
        for (Contact contact : c.contacts()) {
            y.append("      - {name: ").append(quote(contact.name())).append(", phone: ").append(quote(contact.phone()))
                    .append("}\n");
        }
        list(y, "messages", c.messages());
        list(y, "urls", c.urls());
        y.append("    locations:\n");
        for (Location l : c.locations()) {
            y.append("      - {lat: ").append(l.lat().toPlainString()).append(", lon: ").append(l.lon().toPlainString())
                    .append("}\n");
        }
        list(y, "strings", c.strings());
        return y.toString();
    }

    private static void list(StringBuilder y, String key, java.util.List<String> values) {
        y.append("    ").append(key).append(":\n");
        for (String v : values) {
            y.append("      - ").append(quote(v)).append('\n');
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
