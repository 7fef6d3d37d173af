package org.phonehome.proto.tls;

/** Wire values of TLS used by more than one class (RFC 8446, RFC 5246, IANA TLS registries). */
public final class TlsConstants {
    /** Record content types (RFC 8446 section 5.1). */
    public static final int CONTENT_CHANGE_CIPHER_SPEC = 20;
    public static final int CONTENT_ALERT = 21;
    public static final int CONTENT_HANDSHAKE = 22;
    public static final int CONTENT_APPLICATION_DATA = 23;
    public static final int CONTENT_HEARTBEAT = 24;

    /** Handshake message types. */
    public static final int HS_CLIENT_HELLO = 1;
    public static final int HS_SERVER_HELLO = 2;
    public static final int HS_CERTIFICATE = 11;

    /** Extension types. */
    public static final int EXT_SERVER_NAME = 0x0000;
    public static final int EXT_SUPPORTED_GROUPS = 0x000a;
    public static final int EXT_EC_POINT_FORMATS = 0x000b;
    public static final int EXT_SIGNATURE_ALGORITHMS = 0x000d;
    public static final int EXT_ALPN = 0x0010;
    public static final int EXT_SUPPORTED_VERSIONS = 0x002b;

    /** Protocol versions. */
    public static final int VERSION_TLS12 = 0x0303;
    public static final int VERSION_TLS13 = 0x0304;

    private TlsConstants() {
    }

    /** A GREASE value (RFC 8701): both bytes equal and of the form 0x?a. */
    public static boolean isGrease(int v) {
        return (v & 0x0f0f) == 0x0a0a && ((v >> 8) & 0xff) == (v & 0xff);
    }
}
