package org.phonehome.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One occurrence of personal data in what a device sent or received, with the evidence that proves it.
 * The vocabularies of {@code identifier}, {@code encoding}, {@code layers}, {@code direction}, {@code verdict} and
 * {@code source} are those of docs/DESIGN.md.
 *
 * @param identifier what was found ({@code imei}, {@code phone}, ...)
 * @param category   the kind of data ({@code device_id}, {@code contact}, ...)
 * @param encoding   the transform of the value itself ({@code plain}, {@code md5-hex}, ...)
 * @param layers     containers opened to reach it, outermost first
 * @param part       the message part it was in ({@code query}, {@code header}, ...)
 * @param name       the part's name (parameter, header, cookie or JSON key), or null
 * @param host       the destination's name (its IP when it has none)
 * @param ip         the server's IP address
 * @param port       the server's port
 * @param country    the server's country, or null
 * @param protocol   the application protocol ({@code http}, {@code tls}, ...)
 * @param direction  {@code outbound} or {@code inbound}
 * @param frames     the frames that carried it
 * @param time       capture time of its first frame (ISO-8601 UTC)
 * @param app        the app the capture attributes it to, or null
 * @param source     {@code profile} or {@code pattern}
 * @param verdict    {@code allowed}, {@code violation} or {@code unknown}
 * @param rule       the policy rule that decided the verdict, or null
 * @param evidence   the surrounding text with the identifier masked unless revealed
 */
@JsonPropertyOrder({"identifier", "category", "encoding", "layers", "part", "name", "host", "ip", "port", "country",
    "protocol", "direction", "frames", "time", "app", "source", "verdict", "rule", "evidence"})
public record Finding(String identifier, String category, String encoding, List<String> layers, String part,
                      String name, String host, String ip, int port, String country, String protocol,
                      String direction, List<Long> frames, String time, String app, String source, String verdict,
                      String rule, String evidence) {
    public Finding {
        layers = List.copyOf(layers);
        frames = List.copyOf(frames);
    }
}
