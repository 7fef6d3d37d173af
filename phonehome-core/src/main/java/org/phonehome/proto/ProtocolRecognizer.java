package org.phonehome.proto;

import org.phonehome.proto.quic.QuicInitialParser;
import org.phonehome.proto.tls.TlsParser;

/**
 * Names a flow's application protocol from its first payload bytes, and from the server port only when the bytes
 * cannot tell (as Zeek does): a TLS ClientHello on port 5222 is TLS, HTTP on 8080 is HTTP. A pure function.
 */
public final class ProtocolRecognizer {

    /** The verdict: protocol name and whether content or port decided it. */
    public record Verdict(String protocol, String by) {
    }

    /** Longest HTTP method phonehome waits to see before giving up on the request-line check. */
    private static final int MAX_METHOD_LENGTH = 20;

    private ProtocolRecognizer() {
    }

    /**
     * The protocol of a TCP flow whose first payload (from either side) is {@code b[off, off+len)}. Both ports are
     * checked, because the side taken as the device may be a server (a DNS server on a private address).
     */
    public static Verdict tcp(byte[] b, int off, int len, int serverPort, int devicePort) {
        if (TlsParser.looksLikeTls(b, off, len)) {
            return new Verdict("tls", "content");
        }
        if (org.phonehome.proto.http2.Http2Parser.looksLikeHttp2(b, off, len)) {
            return new Verdict("http2", "content");
        }
        if (looksLikeHttp(b, off, len)) {
            return new Verdict("http", "content");
        }
        if (isDnsPort(serverPort) || isDnsPort(devicePort)) {
            return new Verdict("dns", "port");
        }
        if (isHttpPort(serverPort) && startsWithMethodToken(b, off, len)) {
            // A method-like token on an HTTP port but no valid request line (e.g. "CCM_POST /x" without a
            // version): the port tips the balance.
            return new Verdict("http", "port");
        }
        return new Verdict("raw", "none");
    }

    /** Ports IANA assigns to HTTP and its usual alternates and proxies. */
    private static boolean isHttpPort(int port) {
        return port == 80 || port == 8080 || port == 8000 || port == 8008 || port == 3128 || port == 8888;
    }

    /** An upper-case token followed by a space or the end of the line. */
    private static boolean startsWithMethodToken(byte[] b, int off, int len) {
        int i = 0;
        while (i < len && i < MAX_METHOD_LENGTH && isUpperOrDash(b[off + i])) {
            i++;
        }
        return i > 0 && i < len && (b[off + i] == ' ' || b[off + i] == '\r' || b[off + i] == '\n');
    }

    private static boolean isDnsPort(int port) {
        return port == 53 || port == 5353 || port == 5355;
    }

    /** The protocol of a UDP flow whose first datagram is {@code b[off, off+len)}. */
    public static Verdict udp(byte[] b, int off, int len, int serverPort, int devicePort) {
        if (serverPort == 5353 || devicePort == 5353) {
            return new Verdict("mdns", "port");
        }
        if (serverPort == 5355 || devicePort == 5355) {
            return new Verdict("llmnr", "port");
        }
        if (serverPort == 53 || devicePort == 53) {
            return new Verdict("dns", "port");
        }
        if (QuicInitialParser.looksLikeQuicInitial(b, off, len)) {
            return new Verdict("quic", "content");
        }
        if (looksLikeHttp(b, off, len)) {
            return new Verdict("http", "content");
        }
        if ((serverPort == 443 || devicePort == 443) && len > 0 && (b[off] & 0x40) != 0) {
            return new Verdict("quic", "port");
        }
        return new Verdict("raw", "none");
    }

    /**
     * True for an HTTP/1.x request line ({@code TOKEN SP target SP HTTP/1.x}) or status line ({@code HTTP/1.}).
     * The method is any RFC 9110 token of upper-case letters, so WebDAV and made-up methods count too.
     */
    public static boolean looksLikeHttp(byte[] b, int off, int len) {
        if (startsWith(b, off, len, "HTTP/1.")) {
            return true;
        }
        int i = 0;
        while (i < len && i < MAX_METHOD_LENGTH && isUpperOrDash(b[off + i])) {
            i++;
        }
        if (i == 0 || i >= len || b[off + i] != ' ') {
            return false;
        }
        int lineEnd = Math.min(len, 8192);
        for (int j = i + 1; j + 8 <= lineEnd; j++) {
            byte c = b[off + j];
            if (c == '\r' || c == '\n') {
                break;
            }
            if (c == ' ' && startsWith(b, off + j + 1, len - j - 1, "HTTP/1.")) {
                return true;
            }
        }
        // No version on the line (HTTP/0.9 style), or the line is not complete in the first segment: a known method
        // is enough then.
        return startsWithAny(b, off, len, "GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "CONNECT ",
                "PATCH ", "TRACE ");
    }

    private static boolean isUpperOrDash(byte c) {
        return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    }

    private static boolean startsWithAny(byte[] b, int off, int len, String... prefixes) {
        for (String p : prefixes) {
            if (startsWith(b, off, len, p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int off, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[off + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
