package dev.mnemo.embedding.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mnemo.api.embedding.EmbeddingResponseException;
import org.junit.jupiter.api.Test;

/** The output check every model vector passes through (the real model cannot be made to emit NaN on demand). */
class VectorCheckTest {

    private static float[] vector(float first) {
        float[] v = new float[384];
        v[0] = first;
        v[1] = 1f;
        return v;
    }

    @Test
    void nonFiniteOutputIsRejected() {
        assertThatThrownBy(() -> OnnxEmbeddingModel.checkedUnitVector(vector(Float.NaN), 384, 2, "onnx:m"))
                .isInstanceOf(EmbeddingResponseException.class)
                .hasMessageContaining("input 2").hasMessageContaining("non-finite");
        assertThatThrownBy(() -> OnnxEmbeddingModel.checkedUnitVector(vector(Float.POSITIVE_INFINITY), 384, 0, "onnx:m"))
                .isInstanceOf(EmbeddingResponseException.class);
    }

    @Test
    void wrongLengthAndZeroVectorsAreRejected() {
        assertThatThrownBy(() -> OnnxEmbeddingModel.checkedUnitVector(new float[3], 384, 0, "onnx:m"))
                .isInstanceOf(EmbeddingResponseException.class).hasMessageContaining("dimension 3, expected 384");
        assertThatThrownBy(() -> OnnxEmbeddingModel.checkedUnitVector(new float[384], 384, 0, "onnx:m"))
                .isInstanceOf(EmbeddingResponseException.class).hasMessageContaining("cannot be normalised");
    }

    @Test
    void finiteOutputIsScaledToUnitLength() {
        float[] unit = OnnxEmbeddingModel.checkedUnitVector(vector(3f), 384, 0, "onnx:m");
        assertThat(unit[0]).isCloseTo(3f / (float) Math.sqrt(10), within(1e-6f));
        assertThat(unit[1]).isCloseTo(1f / (float) Math.sqrt(10), within(1e-6f));
    }
}
