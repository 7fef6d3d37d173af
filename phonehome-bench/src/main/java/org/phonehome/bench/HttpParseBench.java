package org.phonehome.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.http.HttpMessages;
import org.phonehome.proto.http.HttpParser;
import org.phonehome.proto.http.HttpRequest;
import org.phonehome.proto.http.HttpResponse;
import org.phonehome.proto.http.HttpSink;

/**
 * HttpParser and HttpMessages over 256 HTTP/1.1 exchanges, one connection each as an app's API calls often are: a
 * GET with a query string or a POST with a form or JSON body, a dozen request headers, and a response with a JSON
 * body, framed by Content-Length or chunked, each direction cut into segments of at most 1,448 bytes. Every
 * message is turned into its parts (URL, query, headers, cookies, form), as the protocol stage does before
 * detection. Score in exchanges/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HttpParseBench {
    static final int EXCHANGES = 256;
    private static final int MSS = 1448;
    private static final String[] HOSTS = {"api.ad.xiaomi.com", "tracking.miui.com", "sdkconfig.ad.intl.xiaomi.com",
        "data.mistat.xiaomi.com", "hmma.baidu.com", "mazu.m.qq.com", "graph.facebook.com", "app-measurement.com"};
    private static final String[] PARAMS = {"imei", "oaid", "android_id", "model", "os_ver", "app_ver", "ts", "nonce",
        "channel", "lang", "region", "net", "sig", "pkg", "uid", "sid"};

    private byte[][] requests;
    private byte[][] responses;
    private long exchangeBytes;

    /** Messages seen by the sink, checked once: each exchange gives one request and one complete response. */
    private int messages;

    /** The exchanges from seed 1; each must give one request and one response, without an anomaly. */
    @Setup
    public void setUp() {
        Random random = new Random(1);
        requests = new byte[EXCHANGES][];
        responses = new byte[EXCHANGES][];
        for (int i = 0; i < EXCHANGES; i++) {
            requests[i] = request(random);
            responses[i] = response(random);
            exchangeBytes += requests[i].length + responses[i].length;
        }
        Blackhole check = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        messages = 0;
        int[] anomalies = {0};
        for (int i = 0; i < EXCHANGES; i++) {
            exchange(i, check, anomalies);
        }
        if (messages != 2 * EXCHANGES || anomalies[0] != 0) {
            throw new IllegalStateException("the exchanges gave " + messages + " messages and " + anomalies[0]
                    + " anomalies");
        }
        check.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    private static String value(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Long.toString(random.nextLong() >>> 12, 36);
            case 1 -> Long.toString(860000000000000L + (random.nextLong() >>> 16) % 99999999999999L);
            case 2 -> "Redmi%20Note%20" + random.nextInt(14) + "%20Pro";
            default -> Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        };
    }

    private static String query(Random random, int fields) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < fields; i++) {
            q.append(i == 0 ? "" : "&").append(PARAMS[random.nextInt(PARAMS.length)]).append('=')
                    .append(value(random));
        }
        return q.toString();
    }

    private static byte[] request(Random random) {
        String host = HOSTS[random.nextInt(HOSTS.length)];
        StringBuilder head = new StringBuilder();
        String body = "";
        int kind = random.nextInt(3);
        if (kind == 0) {
            head.append("GET /api/v2/config?").append(query(random, 4 + random.nextInt(8))).append(" HTTP/1.1\r\n");
        } else {
            head.append("POST /api/v1/").append(kind == 1 ? "report" : "track").append(" HTTP/1.1\r\n");
            body = kind == 1 ? query(random, 6 + random.nextInt(10))
                    : "{\"device\":{\"imei\":\"" + value(random) + "\",\"model\":\"Redmi Note 13\",\"events\":["
                            + "{\"id\":" + random.nextInt(1000) + ",\"ts\":" + (random.nextLong() >>> 24) + "}]}}";
        }
        head.append("Host: ").append(host).append("\r\n")
                .append("User-Agent: Dalvik/2.1.0 (Linux; U; Android 13; 23049PCD8G Build/TKQ1.221114.001)\r\n")
                .append("Accept: */*\r\nAccept-Encoding: gzip\r\nAccept-Language: en-US,en;q=0.9\r\n")
                .append("Connection: keep-alive\r\nX-Request-Id: ").append(Long.toHexString(random.nextLong()))
                .append("\r\nX-App-Version: 7.").append(random.nextInt(20)).append(".3\r\n");
        if (random.nextBoolean()) {
            head.append("Cookie: sid=").append(value(random)).append("; uid=").append(random.nextInt(1 << 30))
                    .append("; lang=en\r\n");
        }
        if (kind != 0) {
            head.append("Content-Type: ").append(kind == 1 ? "application/x-www-form-urlencoded"
                    : "application/json; charset=utf-8").append("\r\nContent-Length: ")
                    .append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
        }
        return (head + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] response(Random random) {
        StringBuilder json = new StringBuilder("{\"code\":0,\"msg\":\"ok\",\"data\":{\"items\":[");
        int items = 1 + random.nextInt(20);
        for (int i = 0; i < items; i++) {
            json.append(i == 0 ? "" : ",").append("{\"key\":\"").append(Long.toString(random.nextLong() >>> 8, 36))
                    .append("\",\"ttl\":").append(random.nextInt(86400)).append('}');
        }
        String body = json.append("]}}").toString();
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nServer: nginx\r\n")
                .append("Date: Tue, 12 Mar 2024 08:00:00 GMT\r\nContent-Type: application/json;charset=UTF-8\r\n")
                .append("Connection: keep-alive\r\nCache-Control: no-cache\r\n");
        if (random.nextInt(4) == 0) {
            String size = Integer.toHexString(body.length());
            return (head + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + body + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        return (head + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    private void exchange(int i, Blackhole bh, int[] anomalies) {
        HttpParser parser = new HttpParser(new HttpSink() {
            @Override
            public void request(HttpRequest request) {
                messages++;
                bh.consume(HttpMessages.of(i, request));
            }

            @Override
            public void response(HttpResponse response) {
                messages++;
                bh.consume(HttpMessages.of(i, response));
            }

            @Override
            public void anomaly(String name) {
                anomalies[0]++;
            }

            @Override
            public void tunnel(Direction direction, StreamChunk chunk) {
                anomalies[0]++;
            }
        });
        feed(parser, Direction.OUTBOUND, requests[i], 2L * i);
        feed(parser, Direction.INBOUND, responses[i], 2L * i + 1);
        parser.end();
    }

    private static void feed(HttpParser parser, Direction direction, byte[] data, long frame) {
        for (int at = 0; at < data.length; at += MSS) {
            parser.data(direction, new StreamChunk(data, at, Math.min(MSS, data.length - at), at, frame, frame));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EXCHANGES)
    public void parse(Blackhole bh, ByteCounter counter) {
        int[] anomalies = {0};
        for (int i = 0; i < EXCHANGES; i++) {
            exchange(i, bh, anomalies);
        }
        counter.bytes += exchangeBytes;
    }
}
