package org.phonehome.policy;

/** Policies for the tests: DESIGN.md's example, with a change, and a minimal one. */
public final class PolicyFixtures {

    /** DESIGN.md's example, with the change moved to 2014-08-10T09:30:00Z (mi_cloud on) and a public endpoint. */
    public static final String DESIGN = """
            consent: {mi_cloud: off, cloud_messaging: off, telemetry: off}
            services:
              cloud_messaging: {data: [phone, contact, sms], to: ["*.xiaomi.com", "*.xiaomi.net"]}
              mi_cloud: {data: [contact, sms, location, phone, imei, imsi], to: ["*.xiaomi.com"]}
              telemetry: {data: [android_id, advertising_id, imei], to: ["tracking.*.miui.com"]}
            public: ["update.miui.com", "*.greetings.miui.com"]
            changes: [{at: "2014-08-10T09:30:00Z", set: {mi_cloud: on}}]
            countries: {personal_data_deny: [CN]}
            """;

    private PolicyFixtures() {
    }

    static Policy load(String yaml) throws PolicyException {
        return PolicyLoader.load(yaml, "policy.yaml");
    }

    static PolicyException error(String yaml) {
        try {
            load(yaml);
        } catch (PolicyException e) {
            return e;
        }
        throw new AssertionError("expected a PolicyException for:\n" + yaml);
    }
}
