package org.phonehome.proto.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Flattens a JSON document into (path, scalar) pairs with Jackson's streaming parser, within a depth and a value
 * bound. Nulls are skipped (nothing to leak). A pure function of bytes.
 */
final class JsonFlattener {

    /** The outcome: values read (up to the first error or bound) and whether the whole document parsed. */
    record Result(List<JsonValue> values, boolean valid) {
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /**
     * Paths are cut to this many characters: a longer key path tells a reader nothing more, and uncut paths would
     * let a crafted body (long keys, deep nesting, many values) cost memory quadratic in its size.
     */
    static final int MAX_PATH_CHARS = 1024;

    private JsonFlattener() {
    }

    /** Whether {@code b} starts, after whitespace, with '{' or '[' (a body that may be JSON without saying so). */
    static boolean looksLikeJson(byte[] b) {
        for (byte c : b) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    static Result flatten(byte[] b, HttpLimits limits, Consumer<String> anomalies) {
        List<JsonValue> out = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        try (JsonParser p = FACTORY.createParser(b)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        if (stack.size() == limits.maxJsonDepth()) {
                            anomalies.accept(HttpAnomalies.JSON_LIMIT);
                            return new Result(out, false);
                        }
                        stack.push(new Frame(path(stack, p), t == JsonToken.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> {
                        stack.pop();
                        next(stack);
                    }
                    case FIELD_NAME -> { }
                    case VALUE_NULL -> next(stack);
                    default -> {
                        if (out.size() == limits.maxJsonValues()) {
                            anomalies.accept(HttpAnomalies.JSON_LIMIT);
                            return new Result(out, false);
                        }
                        out.add(new JsonValue(path(stack, p), p.getText()));
                        next(stack);
                    }
                }
            }
            return new Result(out, true);
        } catch (IOException | RuntimeException e) {
            // Jackson reports malformed JSON by exception; the values before the error are kept
            return new Result(out, false);
        }
    }

    /** The path of the value the parser is at: the container's path plus the field name or item index. */
    private static String path(Deque<Frame> stack, JsonParser p) throws IOException {
        Frame top = stack.peek();
        if (top == null) {
            return "";
        }
        String step = top.array ? "[" + top.index + "]" : String.valueOf(p.currentName());
        String path = top.path.isEmpty() || top.array ? top.path + step : top.path + "." + step;
        return path.length() > MAX_PATH_CHARS ? path.substring(0, MAX_PATH_CHARS) : path;
    }

    private static void next(Deque<Frame> stack) {
        Frame top = stack.peek();
        if (top != null && top.array) {
            top.index++;
        }
    }

    private static final class Frame {
        final String path;
        final boolean array;
        int index;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }
    }
}
