package org.phonehome.proto.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.phonehome.ByteSearch;

/**
 * Splits a multipart body (RFC 2046, RFC 7578 for multipart/form-data) into its parts; a part that is itself
 * multipart is opened too, down to {@link HttpLimits#maxMultipartDepth()}. A pure function of bytes.
 */
final class Multipart {

    /** RFC 2046: a boundary is 1 to 70 characters. */
    private static final int MAX_BOUNDARY = 70;
    /** Part headers are short; this bounds the header lines kept per part. */
    private static final int MAX_PART_HEADERS = 32;

    private Multipart() {
    }

    static List<MultipartPart> parse(byte[] body, String boundary, HttpLimits limits, Consumer<String> anomalies) {
        List<MultipartPart> out = new ArrayList<>();
        parse(body, boundary, 1, limits, anomalies, out);
        return out;
    }

    private static void parse(byte[] body, String boundary, int depth, HttpLimits limits, Consumer<String> anomalies,
                              List<MultipartPart> out) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            anomalies.accept(HttpAnomalies.MULTIPART_INVALID);
            return;
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = findDelimiter(body, delimiter, 0);
        if (at < 0) {
            anomalies.accept(HttpAnomalies.MULTIPART_INVALID);
            return;
        }
        int pos = at + delimiter.length;
        while (true) {
            if (pos + 2 <= body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return; // close delimiter
            }
            int lineEnd = ByteSearch.indexOf(body, pos, body.length, (byte) '\n');
            if (lineEnd < 0) {
                anomalies.accept(HttpAnomalies.MULTIPART_INVALID);
                return;
            }
            int next = findDelimiter(body, delimiter, lineEnd + 1);
            int contentEnd = next < 0 ? body.length : lineStartBefore(body, next);
            if (out.size() == limits.maxMultipartParts()) {
                anomalies.accept(HttpAnomalies.MULTIPART_LIMIT);
                return;
            }
            part(body, lineEnd + 1, contentEnd, depth, limits, anomalies, out);
            if (next < 0) {
                anomalies.accept(HttpAnomalies.MULTIPART_INVALID); // cut before the close delimiter
                return;
            }
            pos = next + delimiter.length;
        }
    }

    private static void part(byte[] body, int from, int to, int depth, HttpLimits limits,
                             Consumer<String> anomalies, List<MultipartPart> out) {
        to = Math.max(from, to);
        List<HttpHeader> headers = new ArrayList<>();
        int pos = from;
        int contentFrom = to; // no empty line after the headers: no content
        while (pos < to) {
            int lf = ByteSearch.indexOf(body, pos, to, (byte) '\n');
            int end = lf < 0 ? to : lf;
            int lineEnd = end > pos && body[end - 1] == '\r' ? end - 1 : end;
            int next = lf < 0 ? to : lf + 1;
            if (lineEnd == pos) {
                contentFrom = next;
                break;
            }
            int colon = ByteSearch.indexOf(body, pos, lineEnd, (byte) ':');
            if (colon > pos && headers.size() < MAX_PART_HEADERS) {
                headers.add(new HttpHeader(StartLine.ascii(body, pos, colon).strip(),
                        StartLine.ascii(body, colon + 1, lineEnd).strip()));
            }
            pos = next;
        }
        byte[] content = Arrays.copyOfRange(body, Math.min(contentFrom, to), to);
        MediaType type = MediaType.parse(HeaderValues.first(headers, "Content-Type"));
        if (type.isMultipart()) {
            if (depth < limits.maxMultipartDepth()) {
                parse(content, type.parameters().get("boundary"), depth + 1, limits, anomalies, out);
                return;
            }
            anomalies.accept(HttpAnomalies.MULTIPART_LIMIT); // kept as one opaque part
        }
        MediaType disposition = MediaType.parse(HeaderValues.first(headers, "Content-Disposition"));
        out.add(new MultipartPart(disposition.parameters().get("name"), disposition.parameters().get("filename"),
                headers, content));
    }

    /** Index of {@code delimiter} at {@code from} or later, at the start of a line; -1 when none. */
    private static int findDelimiter(byte[] b, byte[] delimiter, int from) {
        for (int i = from; i + delimiter.length <= b.length; i++) {
            if ((i == 0 || b[i - 1] == '\n') && Arrays.equals(b, i, i + delimiter.length, delimiter, 0,
                    delimiter.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The content ends before the CRLF (or LF) that precedes the delimiter line. */
    private static int lineStartBefore(byte[] b, int delimiterAt) {
        int end = delimiterAt - 1; // the '\n'
        return end > 0 && b[end - 1] == '\r' ? end - 1 : end;
    }
}
