package dev.mnemo.embedding.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.Availability;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.vector.Vectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every shipped model loads from its jar through the provider's {@code model} option and embeds sensibly. */
class ShippedModelTest {

    @ParameterizedTest
    @EnumSource(ShippedModel.class)
    void theProviderLoadsEachShippedModelByItsId(ShippedModel shipped) {
        Map<String, String> options = Map.of("model", shipped.id(), "threads", "1");
        Availability availability = new OnnxEmbeddingProvider().availability(options);
        assertThat(availability.available()).as(availability.reason()).isTrue();
        assertThat(availability.reason()).contains(shipped.id());
        try (EmbeddingModel model = new OnnxEmbeddingProvider().create(options)) {
            assertThat(model.name()).isEqualTo("onnx:" + shipped.id());
            assertThat(model.dimension()).isEqualTo(shipped == ShippedModel.BGE_SMALL_ZH_V15_Q ? 512 : 384);
            // the language of each model card: a hybrid search in another script skips the vector leg
            assertThat(model.scripts()).containsExactly(shipped == ShippedModel.BGE_SMALL_ZH_V15_Q
                    ? Character.UnicodeScript.HAN : Character.UnicodeScript.LATIN);
            // only e5's card asks for "query: " / "passage: ", which the model adds itself
            boolean prefixed = shipped == ShippedModel.E5_SMALL_V2_Q;
            assertThat(model.embedsQueriesDifferently()).isEqualTo(prefixed);
            float[] asQuery = model.embedQueries(List.of("where is the cat?")).get(0);
            float[] asPassage = model.embed(List.of("where is the cat?")).get(0);
            assertThat(Vectors.dot(asQuery, asPassage)).isLessThan(prefixed ? 0.999f : 1.001f)
                    .isGreaterThan(prefixed ? 0.5f : 0.999f);
            List<float[]> v = model.embed(List.of("The cat is sleeping on the sofa.", "A cat naps on the couch.",
                    "Interest rates rose sharply at the central bank meeting."));
            assertThat(v).allSatisfy(vector -> assertThat(vector).hasSize(model.dimension()));
            assertThat(Vectors.dot(v.get(0), v.get(1))).isGreaterThan(Vectors.dot(v.get(0), v.get(2)));
        }
    }

    @Test
    void idsAreMatchedIgnoringCaseAndBlanksAndUnknownOnesListTheShippedModels() {
        assertThat(ShippedModel.byId(" BGE-small-zh-v15-q ")).isEqualTo(ShippedModel.BGE_SMALL_ZH_V15_Q);
        assertThatThrownBy(() -> ShippedModel.byId("bge-m3"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("mnemo.embedding.onnx.model is 'bge-m3' but the shipped models are "
                        + "all-minilm-l6-v2-q, bge-small-en-v15-q, bge-small-zh-v15-q, e5-small-v2-q");
        assertThat(new OnnxEmbeddingProvider().availability(Map.of("model", "bge-m3")).available()).isFalse();
    }

    @Test
    void idsAreStableBecauseStoresRecordThem() {
        assertThat(List.of(ShippedModel.values())).extracting(ShippedModel::id).containsExactly(
                "all-minilm-l6-v2-q", "bge-small-en-v15-q", "bge-small-zh-v15-q", "e5-small-v2-q");
    }
}
