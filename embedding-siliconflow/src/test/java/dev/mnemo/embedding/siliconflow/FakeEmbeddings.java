package dev.mnemo.embedding.siliconflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Plays the embeddings API: a deterministic vector per input text, answers built from the request. */
final class FakeEmbeddings {
    static final ObjectMapper JSON = new ObjectMapper();

    private FakeEmbeddings() {
    }

    /** The vector the fake service returns for {@code text}: distinct per text, easy to recompute. */
    static float[] vectorFor(String text, int dimension) {
        float[] v = new float[dimension];
        int h = text.hashCode();
        for (int i = 0; i < dimension; i++) {
            v[i] = ((h ^ (i * 0x9E3779B9)) % 1000) / 1000f;
        }
        return v;
    }

    static List<String> inputs(LoopbackServer.Request request) throws Exception {
        List<String> inputs = new ArrayList<>();
        JSON.readTree(request.body()).get("input").forEach(n -> inputs.add(n.asText()));
        return inputs;
    }

    /** A correct answer, entries listed in index order. */
    static LoopbackServer.Responder ok(int dimension) {
        return request -> LoopbackServer.Reply.json(200, answer(inputs(request), dimension, false));
    }

    /** A correct answer whose entries are listed in reverse index order. */
    static LoopbackServer.Responder reversed(int dimension) {
        return request -> LoopbackServer.Reply.json(200, answer(inputs(request), dimension, true));
    }

    static String answer(List<String> inputs, int dimension, boolean reverse) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        root.put("model", "BAAI/bge-m3");
        ArrayNode data = root.putArray("data");
        for (int k = 0; k < inputs.size(); k++) {
            int i = reverse ? inputs.size() - 1 - k : k;
            ObjectNode entry = data.addObject();
            entry.put("object", "embedding");
            entry.put("index", i);
            ArrayNode vector = entry.putArray("embedding");
            for (float x : vectorFor(inputs.get(i), dimension)) {
                vector.add(x);
            }
        }
        root.putObject("usage").put("prompt_tokens", inputs.size()).put("total_tokens", inputs.size());
        return root.toString();
    }

    static JsonNode body(LoopbackServer.Request request) throws Exception {
        return JSON.readTree(request.body());
    }
}
