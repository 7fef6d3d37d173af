package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.phonehome.flow.Direction.OUTBOUND;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonehome.proto.Message;
import org.phonehome.proto.MessagePart;

/** From HTTP requests and responses to the parts detection reads. */
class HttpMessagesTest {

    private static HttpRequest request(String wire) {
        RecordingSink s = new Wire().out(wire).end();
        assertThat(s.requests).hasSize(1);
        return s.requests.get(0);
    }

    private static List<MessagePart> parts(Message m, String kind) {
        return m.full().parts().stream().filter(p -> p.kind().equals(kind)).toList();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void urlAndQueryParameters() {
        Message m = HttpMessages.of(7, request("GET /c?imei=864048021234563&name=Canary%20Zhang&q=a+b HTTP/1.1\r\n"
                + "Host: x\r\n\r\n"));
        assertThat(m.flowId()).isEqualTo(7);
        assertThat(m.protocol()).isEqualTo("http");
        assertThat(m.direction()).isEqualTo(OUTBOUND);
        assertThat(m.frames()).containsExactly(1L);
        assertThat(text(parts(m, "url").get(0).value()))
                .isEqualTo("/c?imei=864048021234563&name=Canary%20Zhang&q=a+b");
        assertThat(parts(m, "query")).extracting(MessagePart::name, p -> text(p.value()), MessagePart::layers)
                .containsExactly(tuple("imei", "864048021234563", List.of()),
                        tuple("name", "Canary Zhang", List.of("urlencoded")),
                        tuple("q", "a b", List.of("urlencoded")));
        assertThat(parts(m, "header")).extracting(MessagePart::name).containsExactly("Host");
    }

    @Test
    void cookieSplitting() {
        Message m = HttpMessages.of(1, request("GET / HTTP/1.1\r\nCookie: uid=42; imei=864048021234563;flag\r\n"
                + "Cookie: second=2\r\nHost: x\r\n\r\n"));
        assertThat(parts(m, "cookie")).extracting(MessagePart::name, p -> text(p.value()))
                .containsExactly(tuple("uid", "42"), tuple("imei", "864048021234563"), tuple("", "flag"),
                        tuple("second", "2"));
        assertThat(parts(m, "header")).extracting(MessagePart::name).containsExactly("Host");
    }

    @Test
    void setCookieOnResponses() {
        RecordingSink s = new Wire().out("GET / HTTP/1.1\r\n\r\n").in("HTTP/1.1 200 OK\r\nSet-Cookie: sid=abc; "
                + "Path=/; HttpOnly\r\nContent-Length: 0\r\n\r\n").end();
        Message m = HttpMessages.of(1, s.responses.get(0)).full();
        assertThat(parts(m, "cookie")).extracting(MessagePart::name, p -> text(p.value()))
                .containsExactly(tuple("sid", "abc"));
        assertThat(parts(m, "url")).isEmpty();
    }

    @Test
    void formUrlEncoded() {
        byte[] gz = HttpContentDecodingTest.gzip(Wire.bytes("imei=864048021234563&contact=Canary+Zhang%2C%2B86"));
        byte[] wire = HttpContentDecodingTest.concat(Wire.bytes("POST /f HTTP/1.1\r\nContent-Type: "
                + "application/x-www-form-urlencoded; charset=UTF-8\r\nContent-Encoding: gzip\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(gz.length) + "\r\n"), gz,
                Wire.bytes("\r\n0\r\n\r\n"));
        RecordingSink s = new Wire().send(OUTBOUND, wire).end();
        Message m = HttpMessages.of(1, s.requests.get(0)).full();
        assertThat(parts(m, "form")).extracting(MessagePart::name, p -> text(p.value()), MessagePart::layers)
                .containsExactly(tuple("imei", "864048021234563", List.of("chunked", "gzip")),
                        tuple("contact", "Canary Zhang,+86", List.of("chunked", "gzip", "urlencoded")));
        assertThat(parts(m, "body")).singleElement().satisfies(p -> {
            assertThat(text(p.value())).isEqualTo("imei=864048021234563&contact=Canary+Zhang%2C%2B86");
            assertThat(p.layers()).containsExactly("chunked", "gzip");
        });
    }

    @Test
    void multipartFormData() {
        String body = """
                preamble\r
                --XyZ\r
                Content-Disposition: form-data; name="imei"\r
                \r
                864048021234563\r
                --XyZ\r
                Content-Disposition: form-data; name="log"; filename="log.txt"\r
                Content-Type: text/plain\r
                \r
                line one\r
                line two\r
                --XyZ\r
                Content-Type: multipart/mixed; boundary=inner\r
                \r
                --inner\r
                Content-Disposition: attachment; name="nested"\r
                \r
                deep\r
                --inner--\r
                --XyZ--\r
                epilogue""";
        Message m = HttpMessages.of(1, request("POST /up HTTP/1.1\r\nContent-Type: multipart/form-data; "
                + "boundary=\"XyZ\"\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
        assertThat(parts(m, "form")).extracting(MessagePart::name, p -> text(p.value()), MessagePart::layers)
                .containsExactly(tuple("imei", "864048021234563", List.of("multipart")),
                        tuple("log", "line one\r\nline two", List.of("multipart")),
                        tuple("nested", "deep", List.of("multipart")));
        List<MultipartPart> raw = Multipart.parse(Wire.bytes(body), "XyZ", HttpLimits.DEFAULTS, a -> { });
        assertThat(raw.get(1).filename()).isEqualTo("log.txt");
        assertThat(raw.get(1).headers()).contains(new HttpHeader("Content-Type", "text/plain"));
    }

    @Test
    void multipartCutBeforeItsEndIsAnAnomaly() {
        List<String> anomalies = new ArrayList<>();
        List<MultipartPart> parts = Multipart.parse(Wire.bytes("--b\r\nContent-Disposition: form-data; name=a\r\n"
                + "\r\nvalue-without-end"), "b", HttpLimits.DEFAULTS, anomalies::add);
        assertThat(parts).extracting(p -> text(p.content())).containsExactly("value-without-end");
        assertThat(anomalies).containsExactly(HttpAnomalies.MULTIPART_INVALID);
    }

    @Test
    void jsonFlatteningWithNestedArrays() {
        String json = """
                {"device": {"imei": "864048021234563", "ids": [1, 2, {"mac": "64:09:80:12:34:56"}],
                 "matrix": [[1, 2], [3]], "ok": true, "nothing": null, "text": "a\\"b"}, "n": 1.50}""";
        Message m = HttpMessages.of(1, request("POST /j HTTP/1.1\r\nContent-Type: application/vnd.x+json\r\n"
                + "Content-Length: " + json.length() + "\r\n\r\n" + json));
        assertThat(parts(m, "json")).extracting(MessagePart::name, p -> text(p.value()))
                .containsExactly(tuple("device.imei", "864048021234563"), tuple("device.ids[0]", "1"),
                        tuple("device.ids[1]", "2"), tuple("device.ids[2].mac", "64:09:80:12:34:56"),
                        tuple("device.matrix[0][0]", "1"), tuple("device.matrix[0][1]", "2"),
                        tuple("device.matrix[1][0]", "3"), tuple("device.ok", "true"),
                        tuple("device.text", "a\"b"), tuple("n", "1.50"));
        assertThat(parts(m, "json").get(0).layers()).containsExactly("json");
        assertThat(parts(m, "body")).hasSize(1);
    }

    @Test
    void jsonValuesAreMadeOnlyWhenAskedForAndGoBeforeTheBody() {
        Message m = HttpMessages.of(1, request("POST /j HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 9\r\n\r\n{\"a\":\"x\"}"));
        assertThat(m.parts()).extracting(MessagePart::kind).doesNotContain("json").endsWith("body");
        assertThat(m.deferred()).isNotNull();
        assertThat(m.full().parts()).extracting(MessagePart::kind).endsWith("json", "body");
        assertThat(m.full().deferred()).isNull();
    }

    @Test
    void jsonWithoutContentTypeIsRecognisedWhenItParses() {
        Message m = HttpMessages.of(1, request("POST /j HTTP/1.1\r\nContent-Length: 15\r\n\r\n[{\"a\":\"x\"}, 2]"
                + " "));
        assertThat(parts(m, "json")).extracting(MessagePart::name).containsExactly("[0].a", "[1]");
        Message notJson = HttpMessages.of(1, request("POST /j HTTP/1.1\r\nContent-Length: 6\r\n\r\n{nope}")).full();
        assertThat(parts(notJson, "json")).isEmpty();
        assertThat(parts(notJson, "body")).hasSize(1);
    }

    @Test
    void jsonDepthIsBounded() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        List<String> anomalies = new ArrayList<>();
        JsonFlattener.Result r = JsonFlattener.flatten(Wire.bytes(deep), HttpLimits.DEFAULTS, anomalies::add);
        assertThat(r.valid()).isFalse();
        assertThat(anomalies).containsExactly(HttpAnomalies.JSON_LIMIT);
    }

    @Test
    void jsonPathsAreCut() {
        String key = "k".repeat(3000);
        JsonFlattener.Result r = JsonFlattener.flatten(Wire.bytes("{\"" + key + "\":{\"" + key + "\":1}}"),
                HttpLimits.DEFAULTS, a -> { });
        assertThat(r.values()).singleElement()
                .satisfies(v -> assertThat(v.path()).hasSize(JsonFlattener.MAX_PATH_CHARS));
    }

    @Test
    void otherBodiesAreOneBodyPart() {
        RecordingSink s = new Wire().out("GET / HTTP/1.1\r\n\r\n").in("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                + "Content-Length: 11\r\n\r\n<p>hi</p>\r\n").end();
        Message m = HttpMessages.of(3, s.responses.get(0)).full();
        assertThat(m.parts()).extracting(MessagePart::kind).containsExactly("header", "header", "body");
        assertThat(m.direction()).isEqualTo(org.phonehome.flow.Direction.INBOUND);
    }
}
