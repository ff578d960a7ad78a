package dev.mnemo.embedding.siliconflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mnemo.api.embedding.EmbeddingResponseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an OpenAI-style embeddings response ({@code {"data":[{"index":0,"embedding":[...]}, ...]}})
 * and checks it completely before anything is returned: one vector per input, every index once,
 * the configured dimension, finite numbers. Vectors come back in input order whatever order the
 * service listed them in. Thread-safe.
 */
final class ResponseParser {
    /** Lenient only about NaN/Infinity tokens, so that they are reported as non-finite rather than as bad JSON. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final int dimension;

    ResponseParser(int dimension) {
        this.dimension = dimension;
    }

    /**
     * @param body   the response body of a 2xx answer
     * @param count  how many inputs the request carried
     * @param offset position of the request's first input in the caller's list, for messages
     */
    List<float[]> parse(byte[] body, int count, int offset) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new EmbeddingResponseException("the embeddings response is not valid JSON ("
                    + body.length + " bytes): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EmbeddingResponseException("the embeddings response could not be read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new EmbeddingResponseException("the embeddings response is not a JSON object");
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new EmbeddingResponseException("the embeddings response has no \"data\" array");
        }
        if (data.size() != count) {
            throw new EmbeddingResponseException("the embeddings response has " + data.size() + " vectors for "
                    + count + " inputs (positions " + offset + " to " + (offset + count - 1) + ")");
        }
        float[][] vectors = new float[count][];
        for (int item = 0; item < count; item++) {
            JsonNode entry = data.get(item);
            int index = index(entry, item, count);
            if (vectors[index] != null) {
                throw new EmbeddingResponseException("the embeddings response lists index " + index + " twice");
            }
            vectors[index] = vector(entry.get("embedding"), offset + index);
        }
        return new ArrayList<>(Arrays.asList(vectors));
    }

    private static int index(JsonNode entry, int item, int count) {
        JsonNode index = entry == null ? null : entry.get("index");
        if (index == null || !index.canConvertToExactIntegral() || !index.canConvertToInt()) {
            throw new EmbeddingResponseException("entry " + item + " of the embeddings response has no integer \"index\"");
        }
        int value = index.intValue();
        if (value < 0 || value >= count) {
            throw new EmbeddingResponseException("entry " + item + " of the embeddings response has index " + value
                    + ", outside 0.." + (count - 1));
        }
        return value;
    }

    private float[] vector(JsonNode embedding, int position) {
        if (embedding == null || !embedding.isArray()) {
            throw new EmbeddingResponseException("the vector for input " + position
                    + " is missing or not a JSON array (was encoding_format honoured?)");
        }
        if (embedding.size() != dimension) {
            throw new EmbeddingResponseException("the vector for input " + position + " has dimension "
                    + embedding.size() + ", expected " + dimension + " (check the model and dimension options)");
        }
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            JsonNode component = embedding.get(i);
            if (!component.isNumber()) {
                throw new EmbeddingResponseException("the vector for input " + position + " has a non-number at "
                        + i + ": " + component.getNodeType());
            }
            float value = (float) component.doubleValue();
            if (!Float.isFinite(value)) {
                throw new EmbeddingResponseException("the vector for input " + position
                        + " has a non-finite component " + component.asText() + " at " + i);
            }
            vector[i] = value;
        }
        return vector;
    }
}
