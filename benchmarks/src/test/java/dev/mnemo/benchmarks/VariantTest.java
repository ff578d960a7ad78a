package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantTest {

    @Test
    void baseNamesMapToBackendsAndBuildOptions() {
        Variant flat = Variant.parse("faiss-flat");
        assertThat(flat.backend()).isEqualTo("faiss");
        assertThat(flat.options()).isEqualTo(Map.of("factory", "Flat"));
        assertThat(Variant.parse("jvector").options()).isEmpty();
        assertThat(Variant.parse("exact").backend()).isEqualTo("exact");
    }

    @Test
    void searchOptionsFollowTheAtSign() {
        Variant v = Variant.parse("faiss-hnsw@ef-search=32,omp-threads=1");
        assertThat(v.searchOptions()).containsEntry("ef-search", "32").containsEntry("omp-threads", "1");
        assertThat(v.options()).containsEntry("factory", "HNSW32").containsEntry("ef-search", "32");
        assertThat(v.spec(384).options()).containsEntry("ef-search", "32");
    }

    @Test
    void searchOptionsDoNotChangeTheCacheKey() {
        assertThat(Variant.parse("jvector@overquery=2").buildKey()).isEqualTo(Variant.parse("jvector").buildKey());
        assertThat(Variant.parse("faiss-flat").buildKey()).isNotEqualTo(Variant.parse("faiss-hnsw").buildKey());
    }

    @Test
    void unknownNamesAndMalformedOptionsAreErrorsNamingTheKnownBases() {
        assertThatThrownBy(() -> Variant.parse("annoy")).hasMessageContaining("annoy").hasMessageContaining("faiss-hnsw");
        assertThatThrownBy(() -> Variant.parse("jvector@overquery")).hasMessageContaining("key=value");
    }
}
