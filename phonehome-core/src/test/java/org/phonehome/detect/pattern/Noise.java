package org.phonehome.detect.pattern;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.phonehome.detect.profile.Luhn;

/**
 * Seeded, realistic capture noise: query strings, JSON bodies and headers full of random hex nonces (16/32/64
 * chars), random v4 UUIDs as request ids, 10-20 digit timestamps and ids, base64 blobs, float arrays and version
 * strings, and no personal data. Numbers of 15, 19 and 20 digits are made to fail Luhn, so no IMEI or ICCID can
 * appear by chance.
 */
final class Noise {
    private final Random rnd;

    Noise(long seed) {
        rnd = new Random(seed);
    }

    /** Parts of noise totalling at least {@code bytes}. */
    List<byte[]> parts(long bytes) {
        List<byte[]> parts = new ArrayList<>();
        long total = 0;
        while (total < bytes) {
            byte[] part = part().getBytes(StandardCharsets.US_ASCII);
            parts.add(part);
            total += part.length;
        }
        return parts;
    }

    String part() {
        return switch (rnd.nextInt(3)) {
            case 0 -> query();
            case 1 -> json();
            default -> headers();
        };
    }

    private String query() {
        return "request_id=" + uuid() + "&nonce=" + hex() + "&ts=" + number() + "&uid=" + number()
                + "&sig=" + base64() + "&v=" + version() + "&seq=" + rnd.nextInt(100000) + "&t=" + hex();
    }

    private String json() {
        return "{\"request_id\":\"" + uuid() + "\",\"nonce\":\"" + hex() + "\",\"ts\":" + number()
                + ",\"id\":\"" + number() + "\",\"payload\":\"" + base64() + "\",\"accel\":[" + decimal() + ","
                + decimal() + "," + decimal() + "],\"score\":" + decimal() + ",\"sdk\":\"" + version()
                + "\",\"trace\":\"" + hex() + "-" + hex() + "\",\"sid\":" + number() + "}";
    }

    private String headers() {
        return "X-Request-Id: " + uuid() + "\r\nX-Nonce: " + hex() + "\r\nX-Timestamp: " + number()
                + "\r\nAuthorization: Bearer " + base64() + "\r\nX-Trace: " + uuid().toUpperCase() + "\r\n";
    }

    private String uuid() {
        return new UUID(rnd.nextLong(), rnd.nextLong()).toString().substring(0, 14) + "4"
                + new UUID(rnd.nextLong(), rnd.nextLong()).toString().substring(15, 19) + "8"
                + new UUID(rnd.nextLong(), rnd.nextLong()).toString().substring(20);
    }

    private String hex() {
        int length = new int[] {16, 32, 64}[rnd.nextInt(3)];
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append("0123456789abcdef".charAt(rnd.nextInt(16)));
        }
        return sb.toString();
    }

    /** A 10-20 digit number; 15, 19 and 20 digits fail Luhn. */
    String number() {
        int length = 10 + rnd.nextInt(11);
        StringBuilder sb = new StringBuilder(length);
        sb.append((char) ('1' + rnd.nextInt(9)));
        while (sb.length() < length) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        if (length == 15 || length >= 19) {
            String payload = sb.substring(0, length - 1);
            int bad = (Luhn.checkDigit(payload) + 1 + rnd.nextInt(9)) % 10;
            sb.setCharAt(length - 1, (char) ('0' + bad));
        }
        return sb.toString();
    }

    private String base64() {
        byte[] bytes = new byte[12 + rnd.nextInt(150)];
        rnd.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String decimal() {
        return String.format("%.4f", (rnd.nextDouble() - 0.5) * 20);
    }

    private String version() {
        return rnd.nextInt(10) + "." + rnd.nextInt(30) + "." + rnd.nextInt(300);
    }
}
