package io.listlines.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON mapper: reads the load generator's reports, writes results.json. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static long longAt(JsonNode node, String pointer) {
        JsonNode n = node == null ? null : node.at(pointer);
        return n == null || !n.isNumber() ? 0 : n.asLong();
    }

    static double doubleAt(JsonNode node, String pointer) {
        JsonNode n = node == null ? null : node.at(pointer);
        return n == null || !n.isNumber() ? 0 : n.asDouble();
    }
}
