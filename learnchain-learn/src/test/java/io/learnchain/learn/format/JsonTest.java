package io.learnchain.learn.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void parsesNestedValuesInOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5e1, true, null], \"a\": {\"s\": \"x\\\"\\u00e9\\n\"}} ", "t");
        assertThat(v).isEqualTo(Map.of("b", Arrays.asList(1L, -25.0, true, null), "a", Map.of("s", "x\"é\n")));
        assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("b", "a"));
    }

    @Test
    void quotesWhatItParsesBack() {
        String s = "tab\there \"quoted\" back\\slash \u0001 é";
        assertThat(Json.parse(Json.quote(s), "t")).isEqualTo(s);
        assertThat(Json.number(3.0)).isEqualTo("3");
        assertThat(Json.number(0.8125)).isEqualTo("0.8125");
        assertThat(Json.parse(List.of(Json.number(1e-7)).getFirst(), "t")).isEqualTo(1e-7);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":1,\"a\":2}",
                "[1,]",
                "01",
                "{\"a\" 1}",
                "\"open",
                "[1] 2",
                "tru",
                "{\"a\":\"\u0001\"}",
                ""
            })
    void rejectsMalformedJson(String text) {
        assertThatThrownBy(() -> Json.parse(text, "doc"))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("doc: JSON");
    }
}
