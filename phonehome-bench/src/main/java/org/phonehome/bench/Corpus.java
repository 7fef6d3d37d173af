package org.phonehome.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.detect.profile.ProfileException;
import org.phonehome.detect.profile.VariantGenerator;
import org.phonehome.detect.scan.ByteMatcher;

/**
 * Inputs of the detection benchmarks: the bundled example's device profile (examples/device.yaml, copied as a
 * resource) compiled the way Detector.forProfile does, and HTTP-like request text made from a seeded Random.
 */
final class Corpus {
    /** Values of the profile, as the device would send them. */
    static final String IMEI = "864048021234566";
    static final String ANDROID_ID = "9774d56d682e549c";
    static final String MAC = "64:09:80:12:34:56";
    static final String PHONE = "+8613800138000";
    static final String CANARY = "PHCANARY-2KBMW62GXD";

    private static final String[] WORDS = {"screen", "home", "feed", "scroll", "click", "banner", "video", "play",
        "pause", "settings", "login", "search", "result", "item", "cart", "detail", "share", "like", "comment",
        "notification", "open", "close", "session", "start", "end", "network", "wifi", "battery", "locale", "theme"};
    private static final String[] HOSTS = {"api.example-analytics.com", "cdn.example-media.net",
        "events.example-ads.io", "config.example-vendor.cn", "log.example-telemetry.com"};
    private static final String TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Corpus() {
    }

    /** The example profile's matcher: its variants from VariantGenerator, compiled by ByteMatcher. */
    static ByteMatcher matcher() {
        return matcher(true);
    }

    /** As {@link #matcher()}; without {@code skipping}, the automaton steps over every byte (the baseline). */
    static ByteMatcher matcher(boolean skipping) {
        try (InputStream in = Corpus.class.getResourceAsStream("device.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            DeviceProfile profile = DeviceProfileLoader.load(yaml, "device.yaml");
            var variants = VariantGenerator.generate(profile).variants();
            return skipping ? ByteMatcher.compile(variants) : ByteMatcher.compileWithoutSkipping(variants);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProfileException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP/1.1 request with headers and a JSON body, none of the profile's values in it. */
    static String request(Random random) {
        StringBuilder body = new StringBuilder("{\"event\":\"").append(word(random)).append("\",\"props\":{");
        int fields = 3 + random.nextInt(8);
        for (int f = 0; f < fields; f++) {
            body.append(f == 0 ? "" : ",").append('"').append(word(random)).append("\":");
            switch (random.nextInt(3)) {
                case 0 -> body.append(random.nextInt(100_000));
                case 1 -> body.append('"').append(word(random)).append('_').append(word(random)).append('"');
                default -> body.append('"').append(token(random, 8 + random.nextInt(16))).append('"');
            }
        }
        body.append("},\"ts\":").append(1_700_000_000_000L + random.nextInt(1_000_000_000)).append('}');
        return "POST /v" + (1 + random.nextInt(3)) + "/" + word(random) + "/" + word(random) + "?session="
                + token(random, 24) + "&seq=" + random.nextInt(10_000) + " HTTP/1.1\r\n"
                + "Host: " + HOSTS[random.nextInt(HOSTS.length)] + "\r\n"
                + "User-Agent: Mozilla/5.0 (Linux; Android 13; M2101K7AG) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/120.0.6099.144 Mobile Safari/537.36\r\n"
                + "Accept: application/json\r\nAccept-Encoding: gzip, deflate, br\r\n"
                + "Cookie: sid=" + token(random, 32) + "; _ga=GA1.2." + random.nextInt(1_000_000_000) + "."
                + random.nextInt(1_000_000_000) + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body;
    }

    static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    static String token(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(TOKEN.charAt(random.nextInt(TOKEN.length())));
        }
        return s.toString();
    }

    /** {@code size} bytes from {@code random}. */
    static byte[] randomBytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
