package dev.mnemo.embedding.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.embedding.EmbeddingInputException;
import dev.mnemo.api.vector.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Runs the real default model; it is loaded once for the class because loading takes a second. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxEmbeddingModelTest {

    private OnnxEmbeddingModel model;

    @BeforeAll
    void load() {
        model = new OnnxEmbeddingModel(ShippedModel.DEFAULT, 2);
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    void nameAndDimensionDescribeTheDefaultModel() {
        // the default changed from all-minilm-l6-v2-q once retrieval was measured (benchmarks/results/*-retrieval-*)
        assertThat(model.name()).isEqualTo("onnx:e5-small-v2-q");
        assertThat(model.dimension()).isEqualTo(384);
        assertThat(model.embed("a short sentence")).hasSize(384);
    }

    @Test
    void vectorsAreUnitLengthAndFinite() {
        for (float[] v : model.embed(List.of("hello world", "The quick brown fox jumps over the lazy dog.", "你好，世界"))) {
            double sum = 0;
            for (float x : v) {
                assertThat(Float.isFinite(x)).isTrue();
                sum += (double) x * x;
            }
            assertThat(Math.sqrt(sum)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void englishParaphraseIsCloserThanAnUnrelatedSentence() {
        assertParaphraseCloser(model, "The cat is sleeping on the sofa.",
                "A cat naps on the couch.",
                "Interest rates rose sharply at the central bank meeting.");
    }

    @Test
    void chineseParaphraseIsCloserThanAnUnrelatedSentenceWithTheChineseModel() {
        // the default model reads Latin script only (hybrid search skips its vector leg for Han queries)
        try (OnnxEmbeddingModel chinese = new OnnxEmbeddingModel(ShippedModel.BGE_SMALL_ZH_V15_Q, 1)) {
            assertParaphraseCloser(chinese, "我今天很开心，因为考试通过了。",
                    "考试通过了，我今天非常高兴。",
                    "这台电脑的硬盘坏了，需要换一个新的。");
        }
    }

    private static void assertParaphraseCloser(OnnxEmbeddingModel model, String anchor, String paraphrase,
                                               String unrelated) {
        List<float[]> v = model.embed(List.of(anchor, paraphrase, unrelated));
        float close = Vectors.dot(v.get(0), v.get(1));
        float far = Vectors.dot(v.get(0), v.get(2));
        assertThat(close).as("paraphrase %s vs unrelated %s", close, far).isGreaterThan(far + 0.1f);
    }

    @Test
    void batchResultEqualsOneByOne() {
        List<String> texts = List.of("first memory about tea", "second memory about the sea",
                "第三条记忆：下雨了", "fourth", "fifth memory, a longer one that talks about mountains and rivers");
        List<float[]> batch = model.embed(texts);
        assertThat(batch).hasSameSizeAs(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] single = model.embed(texts.get(i));
            assertThat(batch.get(i)).as("input %d", i).containsExactly(single, within(1e-6f));
        }
    }

    @Test
    void concurrentCallersGetTheSameVectorsAsOneCaller() throws Exception {
        List<String> texts = List.of("alpha", "beta gamma", "delta epsilon zeta", "银狼在打游戏");
        List<float[]> expected = model.embed(texts);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> model.embed(texts)));
            }
            for (Future<List<float[]>> result : results) {
                List<float[]> got = result.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(got.get(i)).containsExactly(expected.get(i), within(1e-6f));
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void emptyStringIsRejectedNamingItsPosition() {
        assertThatThrownBy(() -> model.embed(List.of("fine", "")))
                .isInstanceOf(EmbeddingInputException.class)
                .hasMessageContaining("position 1")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> model.embed("   \n"))
                .isInstanceOf(EmbeddingInputException.class)
                .hasMessageContaining("position 0");
        assertThatThrownBy(() -> model.embed(Arrays.asList("fine", null)))
                .isInstanceOf(EmbeddingInputException.class)
                .hasMessageContaining("position 1 is null");
    }

    @Test
    void emptyListGivesNoVectors() {
        assertThat(model.embed(List.of())).isEmpty();
    }

    @Test
    void closedModelRefusesWorkAndCloseIsIdempotent() {
        OnnxEmbeddingModel other = new OnnxEmbeddingModel(ShippedModel.DEFAULT, 1);
        assertThat(other.embed("before close")).hasSize(384);
        other.close();
        other.close();
        assertThatThrownBy(() -> other.embed("after close"))
                .isInstanceOf(StoreClosedException.class)
                .hasMessageContaining("onnx:e5-small-v2-q");
    }
}
