package org.phonehome.proto.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.phonehome.ByteSearch;

/** Splits {@code a=1&b=2} (query strings and application/x-www-form-urlencoded bodies): a pure function of bytes. */
final class FormUrlEncoded {

    private FormUrlEncoded() {
    }

    /** The fields of {@code b[from, to)}, at most {@code maxFields} (anomaly {@code http_form_limit} beyond). */
    static List<FormField> parse(byte[] b, int from, int to, boolean plusIsSpace, int maxFields,
                                 Consumer<String> anomalies) {
        List<FormField> fields = new ArrayList<>();
        int start = from;
        while (start <= to) {
            int amp = ByteSearch.indexOf(b, start, to, (byte) '&');
            int end = amp < 0 ? to : amp;
            if (end > start) {
                if (fields.size() == maxFields) {
                    anomalies.accept(HttpAnomalies.FORM_LIMIT);
                    break;
                }
                fields.add(field(b, start, end, plusIsSpace));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return fields;
    }

    private static FormField field(byte[] b, int from, int to, boolean plusIsSpace) {
        int eq = ByteSearch.indexOf(b, from, to, (byte) '=');
        int nameEnd = eq < 0 ? to : eq;
        int valueFrom = eq < 0 ? to : eq + 1;
        byte[] name = PercentDecoding.decode(b, from, nameEnd, plusIsSpace);
        byte[] value = PercentDecoding.decode(b, valueFrom, to, plusIsSpace);
        boolean changed = !Arrays.equals(name, 0, name.length, b, from, nameEnd)
                || !Arrays.equals(value, 0, value.length, b, valueFrom, to);
        return new FormField(new String(name, StandardCharsets.UTF_8), value, changed);
    }
}
