package io.learnchain.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --json} option: commands that print data print one JSON object as their last line. */
public final class JsonOption {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    public boolean json;

    /** Prints {@code value} as a single line of JSON. */
    public static void printJson(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
        out.flush();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
