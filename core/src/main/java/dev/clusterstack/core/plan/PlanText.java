package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Values and strings shortened and quoted for the plan's finding messages. */
final class PlanText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanText() {
    }

    static String compact(JsonNode v) {
        String s = v.toString();
        return abbreviate(s);
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(abbreviate(s));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "\"" + s + "\"";
        }
    }
}
