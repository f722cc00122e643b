package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/** Texts as Go prints them: {@code %q} quoting, JSON as {@code json.Marshal} writes it, numbers as {@code %v}. */
final class GoText {
    /** Sorted keys, compact: what Go's {@code json.Marshal} of a decoded value writes. */
    static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private GoText() {
    }

    /** Go's {@code strconv.Quote}. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case 7 -> b.append("\\a");
                case 8 -> b.append("\\b");
                case 12 -> b.append("\\f");
                case 11 -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else if (!isPrintable(c)) {
                        b.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean isPrintable(int c) {
        int t = Character.getType(c);
        return t != Character.CONTROL && t != Character.FORMAT && t != Character.UNASSIGNED
                && t != Character.SURROGATE && t != Character.PRIVATE_USE
                && t != Character.LINE_SEPARATOR && t != Character.PARAGRAPH_SEPARATOR
                && (t != Character.SPACE_SEPARATOR || c == ' ');
    }

    /** The raw JSON text of a value (compact, keys as given), {@code null} for an absent value. */
    static String raw(JsonNode value) {
        if (value == null) {
            return "null";
        }
        try {
            return PLAIN.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON with sorted keys, as Go's {@code json.Marshal} writes a decoded value. */
    static String marshal(JsonNode value) {
        try {
            return SORTED.writeValueAsString(SORTED.treeToValue(value, Object.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number as Go's {@code %v} prints a float64 holding it (integers without a fraction). */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return new BigDecimal(d).toPlainString();
        }
        return Double.toString(d);
    }
}
