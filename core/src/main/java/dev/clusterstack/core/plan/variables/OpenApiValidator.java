package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Schema validation as the Kubernetes API server's {@code validation.ValidateCustomResource} does it (kube-openapi's
 * validator: type, schema combinators, string, format, number, array, enum and object checks, in that order), with
 * its error texts, turned into field errors the way Cluster API turns them.
 */
final class OpenApiValidator {

    private enum Code { REQUIRED, ENUM, TOO_LONG, MAX_ITEMS, TOO_MANY_PROPERTIES, INVALID_TYPE, OTHER }

    /** A kube-openapi validation error: code, name (its path inside the value), message. */
    private record OError(Code code, String name, String message, List<JsonNode> values, long limit, JsonNode value) {
        OError(Code code, String name, String message, List<JsonNode> values, long limit) {
            this(code, name, message, values, limit, null);
        }
    }

    private OpenApiValidator() {
    }

    /**
     * Validates {@code value} against {@code schema}; errors are at {@code fieldPath} (e.g.
     * {@code spec.topology.variables[cpu].value}) and carry {@code raw} as their bad value (Cluster API sets the
     * variable's raw JSON).
     */
    static List<FieldError> validate(Schema schema, JsonNode value, String fieldPath, String raw) {
        List<OError> errors = new ArrayList<>();
        validate(schema, value, "", errors);
        return toFieldErrors(errors, fieldPath, raw);
    }

    private static List<FieldError> toFieldErrors(List<OError> errors, String fieldPath, String rawOrNull) {
        List<FieldError> out = new ArrayList<>(errors.size());
        for (OError e : errors) {
            boolean verbatim = rawOrNull == null;
            String raw = verbatim ? goValue(e.value) : rawOrNull;
            String path = fieldPath;
            if (!e.name.isEmpty() && !e.name.equals(".")) {
                path = fieldPath + "." + (e.name.startsWith(".") ? e.name.substring(1) : e.name);
            }
            out.add(switch (e.code) {
                case REQUIRED -> new FieldError(FieldError.Type.REQUIRED, path, null, "");
                case ENUM -> new FieldError(FieldError.Type.NOT_SUPPORTED, path, raw, supportedValues(e.values));
                case TOO_LONG -> new FieldError(FieldError.Type.TOO_LONG, path, raw,
                        "may not be more than " + e.limit + (e.limit == 1 ? " byte" : " bytes"));
                case MAX_ITEMS, TOO_MANY_PROPERTIES -> new FieldError(FieldError.Type.TOO_MANY, path, raw,
                        "must have at most " + e.limit + " items");
                case INVALID_TYPE -> new FieldError(FieldError.Type.TYPE_INVALID, path, raw, trimInBody(e.message));
                case OTHER -> new FieldError(FieldError.Type.INVALID, path, raw, trimInBody(e.message));
            });
            if (verbatim) {
                FieldError last = out.remove(out.size() - 1);
                out.add(new FieldError(last.type(), last.field(), last.badValue(), last.detail(), true));
            }
        }
        return out;
    }

    /** A decoded value as Go's field errors print it ({@code %v} for numbers and booleans, quoted otherwise). */
    static String goValue(JsonNode v) {
        if (JsonValues.isNull(v)) {
            return "null";
        }
        if (v.isNumber()) {
            return isWhole(v) ? Long.toString(v.asLong()) : GoText.number(v.asDouble());
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        return GoText.quote(v.isTextual() ? v.asText() : GoText.raw(v));
    }

    private static String trimInBody(String message) {
        return message.startsWith(" in body ") ? message.substring(" in body ".length()) : message;
    }

    private static String supportedValues(List<JsonNode> values) {
        StringBuilder b = new StringBuilder("supported values: ");
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            b.append(i == 0 ? "" : ", ").append(GoText.quote(v.isTextual() ? v.asText() : GoText.marshal(v)));
        }
        return b.toString();
    }

    private static OError at(JsonNode v, OError e) {
        return new OError(e.code, e.name, e.message, e.values, e.limit, v);
    }

    /**
     * Validates as {@link #validate(Schema, JsonNode, String, String)} does, with each error's bad value the
     * offending part of the value as Go prints it (as the API server's validation of a default, example or enum
     * value shows it).
     */
    static List<FieldError> validateShowingParts(Schema schema, JsonNode value, String fieldPath) {
        List<OError> errors = new ArrayList<>();
        validate(schema, value, "", errors);
        return toFieldErrors(errors, fieldPath, null);
    }

    /** Whether {@code value} is valid against {@code schema} (no errors at all). */
    static boolean isValid(Schema schema, JsonNode value) {
        List<OError> errors = new ArrayList<>();
        validate(schema, value, "", errors);
        return errors.isEmpty();
    }

    private static void validate(Schema s, JsonNode v, String path, List<OError> out) {
        boolean isNull = v == null || v.isNull() || v.isMissingNode();
        validateType(s, isNull ? null : v, path, out);
        if (isNull) {
            validateEnum(s, null, path, out);
            return;
        }
        validateSchemaProps(s, v, path, out);
        if (v.isTextual()) {
            validateString(s, v, path, out);
            if (!s.format.isEmpty()) {
                String failure = Formats.check(s.format, v.asText());
                if (failure != null) {
                    out.add(at(v, new OError(Code.INVALID_TYPE, path,
                            path + " in body must be of type " + s.format + ": " + GoText.quote(v.asText()), null, 0)));
                }
            }
        }
        if (v.isNumber()) {
            validateNumber(s, v, path, out);
        }
        if (v.isArray()) {
            validateArray(s, v, path, out);
        }
        validateEnum(s, v, path, out);
        if (v.isObject()) {
            validateObject(s, v, path, out);
        }
    }

    /** The JSON type name kube-openapi infers for a decoded value (whole numbers decode to int64). */
    static String jsonType(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isNumber()) {
            return isWhole(v) ? "integer" : "number";
        }
        if (v.isArray()) {
            return "array";
        }
        return "object";
    }

    static boolean isWhole(JsonNode v) {
        if (v.isIntegralNumber()) {
            return true;
        }
        double d = v.asDouble();
        return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.223372036854776E18;
    }

    private static void validateType(Schema s, JsonNode v, String path, List<OError> out) {
        String expected = s.intOrString ? "integer,string" : s.type;
        if (expected.isEmpty()) {
            return;
        }
        String actual = jsonType(v);
        boolean ok = s.intOrString ? actual.equals("integer") || actual.equals("string")
                : expected.equals(actual) || (expected.equals("number") && actual.equals("integer"));
        if (!ok) {
            out.add(at(v, new OError(Code.INVALID_TYPE, path,
                    path + " in body must be of type " + expected + ": " + GoText.quote(actual), null, 0)));
        }
    }

    private static void validateSchemaProps(Schema s, JsonNode v, String path, List<OError> out) {
        if (!s.anyOf.isEmpty()) {
            List<OError> best = null;
            boolean succeeded = false;
            for (Schema any : s.anyOf) {
                List<OError> r = new ArrayList<>();
                validate(any, v, path, r);
                if (r.isEmpty()) {
                    succeeded = true;
                    best = null;
                    break;
                }
                if (best == null || r.size() < best.size()) {
                    best = r;
                }
            }
            if (!succeeded) {
                out.add(at(v, new OError(Code.OTHER, "", GoText.quote(path) + " must validate at least one schema (anyOf)", null, 0)));
            }
            if (best != null) {
                out.addAll(best);
            }
        }
        if (!s.oneOf.isEmpty()) {
            List<OError> best = null;
            int validated = 0;
            for (Schema one : s.oneOf) {
                List<OError> r = new ArrayList<>();
                validate(one, v, path, r);
                if (r.isEmpty()) {
                    validated++;
                    best = null;
                    continue;
                }
                if (validated == 0 && (best == null || r.size() < best.size())) {
                    best = r;
                }
            }
            if (validated != 1) {
                String additional = validated == 0 ? "Found none valid" : "Found " + validated + " valid alternatives";
                out.add(at(v, new OError(Code.OTHER, "",
                        GoText.quote(path) + " must validate one and only one schema (oneOf). " + additional, null, 0)));
                if (best != null) {
                    out.addAll(best);
                }
            }
        }
        if (!s.allOf.isEmpty()) {
            int validated = 0;
            for (Schema all : s.allOf) {
                List<OError> r = new ArrayList<>();
                validate(all, v, path, r);
                if (r.isEmpty()) {
                    validated++;
                }
                out.addAll(r);
            }
            if (validated != s.allOf.size()) {
                out.add(at(v, new OError(Code.OTHER, "", GoText.quote(path) + " must validate all the schemas (allOf)"
                        + (validated == 0 ? ". None validated" : ""), null, 0)));
            }
        }
        if (s.not != null) {
            List<OError> r = new ArrayList<>();
            validate(s.not, v, path, r);
            if (r.isEmpty()) {
                out.add(at(v, new OError(Code.OTHER, "", GoText.quote(path) + " must not validate the schema (not)", null, 0)));
            }
        }
    }

    private static void validateString(Schema s, JsonNode v, String path, List<OError> out) {
        String text = v.asText();
        long length = text.codePointCount(0, text.length());
        if (s.maxLength != null && length > s.maxLength) {
            out.add(at(v, new OError(Code.TOO_LONG, path,
                    path + " in body should be at most " + s.maxLength + " chars long", null, s.maxLength)));
        }
        if (s.minLength != null && length < s.minLength) {
            out.add(at(v, new OError(Code.OTHER, path,
                    path + " in body should be at least " + s.minLength + " chars long", null, 0)));
        }
        if (!s.pattern.isEmpty()) {
            if (s.compiledPattern == null || !s.compiledPattern.matcher(text).find()) {
                out.add(at(v, new OError(Code.OTHER, path, path + " in body should match '" + s.pattern + "'", null, 0)));
            }
        }
    }

    private static void validateNumber(Schema s, JsonNode v, String path, List<OError> out) {
        double d = v.asDouble();
        if (s.maximum != null) {
            double max = s.maximum;
            if (s.exclusiveMaximum ? d >= max : d > max) {
                out.add(at(v, new OError(Code.OTHER, path, path + " in body should be less than "
                        + (s.exclusiveMaximum ? "" : "or equal to ") + GoText.number(max), null, 0)));
            }
        }
        if (s.minimum != null) {
            double min = s.minimum;
            if (s.exclusiveMinimum ? d <= min : d < min) {
                out.add(at(v, new OError(Code.OTHER, path, path + " in body should be greater than "
                        + (s.exclusiveMinimum ? "" : "or equal to ") + GoText.number(min), null, 0)));
            }
        }
    }

    private static void validateArray(Schema s, JsonNode v, String path, List<OError> out) {
        if (s.items != null) {
            for (int i = 0; i < v.size(); i++) {
                validate(s.items, v.get(i), path + "[" + i + "]", out);
            }
        }
        int size = v.size();
        if (s.minItems != null && size < s.minItems) {
            out.add(at(v, new OError(Code.OTHER, path, path + " in body should have at least " + s.minItems + " items", null, 0)));
        }
        if (s.maxItems != null && size > s.maxItems) {
            out.add(at(v, new OError(Code.MAX_ITEMS, path, path + " in body should have at most " + s.maxItems + " items",
                    null, s.maxItems)));
        }
        if (s.uniqueItems) {
            outer:
            for (int i = 0; i < size; i++) {
                for (int j = i + 1; j < size; j++) {
                    if (JsonValues.deepEquals(v.get(i), v.get(j))) {
                        out.add(at(v, new OError(Code.OTHER, path, path + " in body shouldn't contain duplicates", null, 0)));
                        break outer;
                    }
                }
            }
        }
    }

    private static void validateEnum(Schema s, JsonNode v, String path, List<OError> out) {
        if (s.enumValues.isEmpty()) {
            return;
        }
        for (JsonNode e : s.enumValues) {
            if (JsonValues.deepEquals(e, v)) {
                return;
            }
        }
        out.add(at(v, new OError(Code.ENUM, path, path + " in body should be one of " + s.enumValues, s.enumValues, 0)));
    }

    private static void validateObject(Schema s, JsonNode v, String path, List<OError> out) {
        long keys = v.size();
        if (s.minProperties != null && keys < s.minProperties) {
            out.add(at(v, new OError(Code.OTHER, path,
                    path + " in body should have at least " + s.minProperties + " properties", null, 0)));
            return;
        }
        if (s.maxProperties != null && keys > s.maxProperties) {
            out.add(at(v, new OError(Code.TOO_MANY_PROPERTIES, path,
                    path + " in body should have at most " + s.maxProperties + " properties", null, s.maxProperties)));
            return;
        }
        if (s.additionalProperties != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!s.properties.containsKey(e.getKey())) {
                    validate(s.additionalProperties, e.getValue(), path + "." + e.getKey(), out);
                }
            }
        }
        for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
            JsonNode child = v.get(p.getKey());
            if (child != null) {
                validate(p.getValue(), child, path.isEmpty() ? p.getKey() : path + "." + p.getKey(), out);
            }
        }
        for (String r : s.required) {
            if (!v.has(r)) {
                out.add(at(v, new OError(Code.REQUIRED, path + "." + r, path + "." + r + " in body is required", null, 0)));
            }
        }
    }
}
