package org.phonehome.detect.profile;

/** The device profile of DESIGN.md ("Formats the user writes"), as a test fixture. */
final class ExampleProfile {

    static final String YAML = """
            device:
              name: Redmi Note test unit 1
              identifiers:
                imei: ["864048021234563", "864048021234571"]
                imsi: "460001234567890"
                iccid: "89860012345678901237"
                phone: "+86 138 0013 8000"
                serial: "a1b2c3d4"
                android_id: "9774d56d682e549c"
                advertising_id: "38400000-8cf0-11bd-b23e-10b96e40000d"
                wifi_mac: "64:09:80:12:34:56"
                email: "tester@example.com"
              canaries:
                contacts: [{name: "Canary Zhang", phone: "+86 139 1111 2222"}]
                messages: ["heron-7731 blue dawn"]
                urls: ["https://example.org/canary-3391"]
                locations: [{lat: 22.54321, lon: 114.05678}]
                strings: ["PHCANARY-2KBMW62GXD"]      # any other planted text
            """;

    private ExampleProfile() {
    }

    static DeviceProfile load() throws ProfileException {
        return DeviceProfileLoader.load(YAML, "device.yaml");
    }
}
