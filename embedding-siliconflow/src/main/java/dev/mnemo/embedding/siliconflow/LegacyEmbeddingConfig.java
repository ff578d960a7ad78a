package dev.mnemo.embedding.siliconflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.api.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps the embedding part of the legacy Python configuration onto {@code siliconflow} options.
 * The legacy shape is
 * <pre>{@code
 * {"RAG_CONFIG": {"Multi_Recall": {"Cosine_Similarity": {
 *     "embed_func": "...",
 *     "embed_kwds": {"base_url": "https://api.siliconflow.cn/v1", "api_key": "sk-...", "model": "BAAI/bge-m3"},
 *     "vector_dim": 1024}}}}
 * }</pre>
 * and becomes {@code base-url}, {@code api-key}, {@code model} and {@code dimension}. Absent or
 * empty values are left out, so the provider defaults (and {@code MEMORY_API_KEY}) apply.
 *
 * @param embedFunction the legacy {@code embed_func} value, or null when absent
 * @param options       option map for {@link SiliconFlowProvider#create}; unmodifiable
 */
public record LegacyEmbeddingConfig(String embedFunction, Map<String, String> options) {

    private static final List<String> PATH = List.of("RAG_CONFIG", "Multi_Recall", "Cosine_Similarity");

    public LegacyEmbeddingConfig {
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
    }

    /**
     * Converts a parsed legacy configuration: the whole document, or its {@code Cosine_Similarity} object.
     *
     * @throws InvalidInputException naming the missing or malformed entry
     */
    public static LegacyEmbeddingConfig from(JsonNode root) {
        JsonNode section = section(root);
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode kwds = section.path("embed_kwds");
        if (!kwds.isMissingNode() && !kwds.isNull() && !kwds.isObject()) {
            throw new InvalidInputException("legacy config: embed_kwds must be an object, got " + kwds.getNodeType());
        }
        putText(options, "base-url", kwds, "base_url");
        putText(options, "api-key", kwds, "api_key");
        putText(options, "model", kwds, "model");
        JsonNode dim = section.path("vector_dim");
        if (!dim.isMissingNode() && !dim.isNull()) {
            boolean whole = dim.canConvertToExactIntegral() || dim.isTextual() && dim.asText().strip().matches("\\d+");
            if (!whole || dim.asLong() < 1 || dim.asLong() > Integer.MAX_VALUE) {
                throw new InvalidInputException("legacy config: vector_dim must be a positive whole number, got "
                        + dim.asText());
            }
            options.put("dimension", Long.toString(dim.asLong()));
        }
        JsonNode func = section.path("embed_func");
        return new LegacyEmbeddingConfig(func.isValueNode() && !func.isNull() ? func.asText() : null, options);
    }

    /** Converts a legacy configuration parsed into plain maps and lists (e.g. by {@code ObjectMapper.readValue(.., Map.class)}). */
    public static LegacyEmbeddingConfig from(Map<String, ?> root) {
        JsonNode tree = ResponseParser.MAPPER.valueToTree(root);
        return from(tree);
    }

    private static JsonNode section(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("legacy config: expected a JSON object");
        }
        if (root.has("embed_kwds") || root.has("vector_dim")) {
            return root;
        }
        JsonNode node = root;
        StringBuilder path = new StringBuilder();
        for (String name : PATH) {
            path.append(path.length() == 0 ? "" : ".").append(name);
            node = node.path(name);
            if (!node.isObject()) {
                throw new InvalidInputException("legacy config: " + path + " is " + (node.isMissingNode() ? "missing"
                        : "not an object") + " (expected " + String.join(".", PATH) + ")");
            }
        }
        return node;
    }

    private static void putText(Map<String, String> options, String key, JsonNode kwds, String field) {
        JsonNode value = kwds.path(field);
        if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
            options.put(key, value.asText().strip());
        }
    }

    /** Never shows the API key. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(options);
        shown.computeIfPresent("api-key", (k, v) -> "***");
        return "LegacyEmbeddingConfig[embedFunction=" + embedFunction + ", options=" + shown + "]";
    }
}
