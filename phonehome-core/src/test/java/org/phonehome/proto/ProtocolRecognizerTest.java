package org.phonehome.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phonehome.testing.Traffic;

/** Content first, port second: one row per case. */
class ProtocolRecognizerTest {

    private static byte[] bytes(String what) {
        return switch (what) {
            case "tls" -> Traffic.clientHello("example.com");
            case "get" -> "GET /x?a=1 HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            case "get09" -> "GET /\nHost: h\n\n".getBytes(StandardCharsets.US_ASCII);
            case "response" -> "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            case "odd-method" -> "CCM_POST /x\r\n".getBytes(StandardCharsets.US_ASCII);
            case "msearch" -> "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            case "quic" -> quicInitialHeader();
            default -> what.getBytes(StandardCharsets.US_ASCII);
        };
    }

    /** A QUIC v1 long header Initial: flags 0xc3, version 1, 8-byte DCID, empty SCID, token 0, length, padding. */
    private static byte[] quicInitialHeader() {
        byte[] b = new byte[1200];
        b[0] = (byte) 0xc3;
        b[4] = 1;
        b[5] = 8;
        b[14] = 0; // SCID length
        b[15] = 0; // token length
        b[16] = 0x44; // length (2-byte varint) 0x4400 & 0x3fff = 1024
        b[17] = 0x00;
        return b;
    }

    @ParameterizedTest(name = "tcp {0} on port {1} is {2} by {3}")
    @CsvSource({
        "tls, 443, tls, content",
        "tls, 5222, tls, content",
        "get, 8080, http, content",
        "get, 443, http, content",
        "get09, 80, http, content",
        "response, 9999, http, content",
        "odd-method, 80, http, port",
        "odd-method, 81, raw, none",
        "hello, 443, raw, none",
        "hello, 53, dns, port",
    })
    void tcp(String content, int port, String protocol, String by) {
        byte[] b = bytes(content);
        assertThat(ProtocolRecognizer.tcp(b, 0, b.length, port, 50000))
                .isEqualTo(new ProtocolRecognizer.Verdict(protocol, by));
    }

    @ParameterizedTest(name = "udp {0} between ports {1} and {2} is {3} by {4}")
    @CsvSource({
        "hello, 53, 40000, dns, port",
        "hello, 40000, 53, dns, port",
        "hello, 5353, 5353, mdns, port",
        "hello, 5355, 40000, llmnr, port",
        "quic, 443, 40000, quic, content",
        "quic, 8443, 40000, quic, content",
        "msearch, 1900, 40000, http, content",
        "hello, 123, 40000, raw, none",
    })
    void udp(String content, int serverPort, int devicePort, String protocol, String by) {
        byte[] b = bytes(content);
        assertThat(ProtocolRecognizer.udp(b, 0, b.length, serverPort, devicePort))
                .isEqualTo(new ProtocolRecognizer.Verdict(protocol, by));
    }
}
