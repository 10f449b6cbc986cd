package io.learnchain.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks JSON values against the subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that
 * openapi.json uses: {@code $ref} to {@code #/components/...}, {@code type} (one or a list),
 * {@code enum}, {@code pattern}, {@code minimum}, {@code maximum}, {@code minLength},
 * {@code required}, {@code properties}, {@code additionalProperties: false}, {@code items} and
 * {@code oneOf}. A keyword outside the subset fails loudly, so the file cannot silently use a rule
 * this checker ignores.
 */
final class SchemaValidator {
    private static final List<String> KNOWN = List.of(
            "$ref",
            "type",
            "enum",
            "pattern",
            "minimum",
            "maximum",
            "minLength",
            "required",
            "properties",
            "additionalProperties",
            "items",
            "oneOf",
            "description");

    private final JsonNode document;

    SchemaValidator(JsonNode document) {
        this.document = document;
    }

    /** The problems of {@code value} against {@code schema}, each naming the JSON path; empty when it conforms. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> out = new ArrayList<>();
        check(value, schema, "$", out);
        return out;
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported, got " + ref);
            }
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("dangling reference " + ref);
            }
            s = target;
        }
        return s;
    }

    private void check(JsonNode value, JsonNode rawSchema, String path, List<String> out) {
        JsonNode schema = resolve(rawSchema);
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KNOWN.contains(keyword)) {
                throw new IllegalArgumentException("schema keyword '" + keyword + "' at " + path
                        + " is outside the checked subset; extend SchemaValidator or avoid it");
            }
        }
        if (schema.has("oneOf")) {
            checkOneOf(value, schema.get("oneOf"), path, out);
            return;
        }
        if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
            out.add(path + ": expected " + schema.get("type") + " but got " + describe(value));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            out.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isTextual()) {
            checkString(value.asText(), schema, path, out);
        }
        if (value.isNumber()) {
            checkNumber(value, schema, path, out);
        }
        if (value.isObject()) {
            checkObject(value, schema, path, out);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", out);
            }
        }
    }

    private void checkOneOf(JsonNode value, JsonNode options, String path, List<String> out) {
        int matches = 0;
        List<String> last = List.of();
        for (JsonNode option : options) {
            List<String> problems = new ArrayList<>();
            check(value, option, path, problems);
            if (problems.isEmpty()) {
                matches++;
            } else {
                last = problems;
            }
        }
        if (matches != 1) {
            out.add(path + ": matches " + matches + " of the oneOf options (exactly 1 required)"
                    + (matches == 0 ? "; e.g. " + last : ""));
        }
    }

    private static void checkString(String text, JsonNode schema, String path, List<String> out) {
        if (schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asText())
                        .matcher(text)
                        .find()) {
            out.add(path + ": '" + text + "' does not match "
                    + schema.get("pattern").asText());
        }
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            out.add(path + ": '" + text + "' is shorter than "
                    + schema.get("minLength").asInt());
        }
    }

    private static void checkNumber(JsonNode value, JsonNode schema, String path, List<String> out) {
        if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            out.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
            out.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String path, List<String> out) {
        if (schema.has("required")) {
            for (JsonNode name : schema.get("required")) {
                if (!value.has(name.asText())) {
                    out.add(path + ": required field '" + name.asText() + "' is missing");
                }
            }
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), path + "." + field.getKey(), out);
            } else if (schema.path("additionalProperties").isBoolean()
                    && !schema.get("additionalProperties").asBoolean()) {
                out.add(path + ": field '" + field.getKey() + "' is not documented");
            }
        }
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(value, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown JSON Schema type " + type);
        };
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " "
                + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }
}
