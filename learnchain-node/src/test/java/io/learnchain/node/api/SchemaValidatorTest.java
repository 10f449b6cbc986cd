package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode document = read("""
            {"components": {"schemas": {
              "Amount": {"type": "object", "additionalProperties": false, "required": ["units"],
                         "properties": {"units": {"type": "string", "pattern": "^[0-9]+$"}}},
              "Thing": {"type": "object", "required": ["n", "amount"], "properties": {
                 "n": {"type": "integer", "minimum": 1, "maximum": 9},
                 "kind": {"type": "string", "enum": ["a", "b"]},
                 "amount": {"$ref": "#/components/schemas/Amount"},
                 "fee": {"oneOf": [{"$ref": "#/components/schemas/Amount"}, {"type": "null"}]},
                 "list": {"type": ["array", "null"], "items": {"type": "integer"}}}}}}}
            """);
    private final SchemaValidator validator = new SchemaValidator(document);
    private final JsonNode thing = read("{\"$ref\": \"#/components/schemas/Thing\"}");

    @Test
    void acceptsConformingValue() {
        assertThat(validator.problems(read("""
                {"n": 3, "kind": "a", "amount": {"units": "12"}, "fee": null, "list": [1, 2], "extra": true}"""), thing)).isEmpty();
    }

    @Test
    void reportsMissingRequiredField() {
        assertThat(validator.problems(read("{\"amount\": {\"units\": \"1\"}}"), thing))
                .containsExactly("$: required field 'n' is missing");
    }

    @Test
    void reportsWrongTypesEnumsRangesAndPatterns() {
        assertThat(validator.problems(read("""
                {"n": 10, "kind": "c", "amount": {"units": "1.5"}, "list": ["x"]}"""), thing))
                .containsExactlyInAnyOrder(
                        "$.n: 10 is above the maximum 9",
                        "$.kind: \"c\" is not one of [\"a\",\"b\"]",
                        "$.amount.units: '1.5' does not match ^[0-9]+$",
                        "$.list[0]: expected \"integer\" but got string \"x\"");
    }

    @Test
    void reportsUndocumentedFieldWhenAdditionalPropertiesAreClosed() {
        assertThat(validator.problems(read("{\"n\": 1, \"amount\": {\"units\": \"1\", \"coins\": \"x\"}}"), thing))
                .containsExactly("$.amount: field 'coins' is not documented");
    }

    @Test
    void requiresExactlyOneOneOfOption() {
        assertThat(validator.problems(read("{\"n\": 1, \"amount\": {\"units\": \"1\"}, \"fee\": 5}"), thing))
                .singleElement()
                .asString()
                .startsWith("$.fee: matches 0 of the oneOf options");
    }

    @Test
    void refusesKeywordsOutsideTheSubset() {
        assertThatThrownBy(() -> validator.problems(read("1"), read("{\"type\": \"integer\", \"multipleOf\": 2}")))
                .hasMessageContaining("multipleOf");
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
