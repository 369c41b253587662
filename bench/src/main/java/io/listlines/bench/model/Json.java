package io.listlines.bench.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The bench's JSON: {@link #MAPPER} writes results.json; {@link #read} reads a child's one line of
 * JSON into a record and fails on a missing or null field rather than make it 0. (The load
 * generator's reports have their own record and reader, {@link io.listlines.report.LoadReport}.)
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(
                    DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {}

    /**
     * A run's results.json, as {@link #MAPPER} wrote it.
     *
     * @throws IOException with Jackson's reason if it is missing or does not read
     */
    public static Results readResults(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Results.class);
    }

    /**
     * {@code json} as a {@code type}.
     *
     * @throws IOException "WHAT is not as expected: ..." with Jackson's reason (the missing field, the bad value)
     */
    public static <T> T read(String json, Class<T> type, String what) throws IOException {
        try {
            return STRICT.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IOException(what + " is not as expected: " + e.getOriginalMessage(), e);
        }
    }
}
