package org.phonehome.proto.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JA3 (Salesforce) and JA4 (FoxIO, {@code technical_details/JA4.md}) client fingerprints of a {@link ClientHello}.
 */
final class Fingerprints {
    /** JA4 prints this when a hashed list is empty, instead of the hash of nothing. */
    private static final String JA4_EMPTY_HASH = "000000000000";
    /** JA4 counts are two digits, capped at 99. */
    private static final int JA4_MAX_COUNT = 99;

    private Fingerprints() {
    }

    static String ja3(ClientHello ch) {
        return ch.legacyVersion() + "," + decimals(ch.cipherSuites()) + "," + decimals(ch.extensionTypes()) + ","
                + decimals(ch.supportedGroups()) + "," + decimals(ch.ecPointFormats());
    }

    private static String decimals(List<Integer> values) {
        return values.stream().filter(v -> !TlsConstants.isGrease(v)).map(String::valueOf)
                .collect(Collectors.joining("-"));
    }

    static String ja4(ClientHello ch, boolean quic) {
        List<Integer> ciphers = noGrease(ch.cipherSuites());
        List<Integer> extensions = noGrease(ch.extensionTypes());
        StringBuilder a = new StringBuilder(10);
        a.append(quic ? 'q' : 't').append(ja4Version(ch)).append(ch.sni() != null ? 'd' : 'i');
        a.append(String.format("%02d%02d", Math.min(JA4_MAX_COUNT, ciphers.size()),
                Math.min(JA4_MAX_COUNT, extensions.size())));
        a.append(ja4Alpn(ch.alpn()));

        String b = ciphers.isEmpty() ? JA4_EMPTY_HASH : sha256Prefix(hexList(sorted(ciphers)));

        List<Integer> hashedExtensions = new ArrayList<>();
        for (int e : extensions) {
            if (e != TlsConstants.EXT_SERVER_NAME && e != TlsConstants.EXT_ALPN) {
                hashedExtensions.add(e);
            }
        }
        String c;
        if (hashedExtensions.isEmpty()) {
            c = JA4_EMPTY_HASH;
        } else {
            String text = hexList(sorted(hashedExtensions));
            List<Integer> sigs = noGrease(ch.signatureAlgorithms());
            if (!sigs.isEmpty()) {
                text = text + "_" + hexList(sigs);
            }
            c = sha256Prefix(text);
        }
        return a + "_" + b + "_" + c;
    }

    private static String ja4Version(ClientHello ch) {
        int version = ch.legacyVersion();
        boolean hasSupportedVersions = ch.extensionTypes().contains(TlsConstants.EXT_SUPPORTED_VERSIONS);
        if (hasSupportedVersions) {
            version = noGrease(ch.supportedVersions()).stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        return switch (version) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xfeff -> "d1";
            case 0xfefd -> "d2";
            case 0xfefc -> "d3";
            default -> "00";
        };
    }

    /** First and last characters of the first ALPN value; hex digits when either end is not alphanumeric. */
    private static String ja4Alpn(List<String> alpn) {
        if (alpn.isEmpty() || alpn.get(0).isEmpty()) {
            return "00";
        }
        String first = alpn.get(0);
        char head = first.charAt(0);
        char tail = first.charAt(first.length() - 1);
        if (isAlnum(head) && isAlnum(tail)) {
            return "" + head + tail;
        }
        String hex = HexFormat.of().formatHex(first.getBytes(StandardCharsets.ISO_8859_1));
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static List<Integer> noGrease(List<Integer> values) {
        return values.stream().filter(v -> !TlsConstants.isGrease(v)).toList();
    }

    private static List<Integer> sorted(List<Integer> values) {
        return values.stream().sorted().toList();
    }

    private static String hexList(List<Integer> values) {
        return values.stream().map(v -> String.format("%04x", v)).collect(Collectors.joining(","));
    }

    private static String sha256Prefix(String text) {
        return HexFormat.of().formatHex(digest("SHA-256", text)).substring(0, 12);
    }

    static String md5Hex(String text) {
        return HexFormat.of().formatHex(digest("MD5", text));
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
