package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.Availability;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.core.index.ExactIndexProvider;
import dev.mnemo.core.provider.VectorBackends;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Param;

class ProfileTest {
    @TempDir
    Path dir;

    /** A backend that is installed but cannot run, like FAISS without its native library. */
    static final class BrokenProvider implements VectorIndexProvider {
        @Override
        public String name() {
            return "faiss";
        }

        @Override
        public Availability availability() {
            return Availability.no("libjniFaiss.so: cannot open shared object file");
        }

        @Override
        public VectorIndex create(IndexSpec spec) {
            throw new AssertionError("must not be called");
        }

        @Override
        public VectorIndex load(Path file, IndexSpec spec) {
            throw new AssertionError("must not be called");
        }
    }

    @Test
    void everyPlanUsesOnlyParametersItsBenchmarkDeclaresAndVariantsThatParse() {
        for (String name : List.of("quick", "full", "large", "smoke")) {
            Profile profile = Profile.named(name);
            for (Plan plan : profile.plans()) {
                Set<String> declared = Arrays.stream(plan.benchmark().getFields())
                        .filter(f -> f.isAnnotationPresent(Param.class)).map(Field::getName).collect(Collectors.toSet());
                assertThat(declared).as(name + "/" + plan.name()).containsAll(plan.params().keySet());
                plan.variants().forEach(Variant::parse);
            }
        }
        assertThatThrownBy(() -> Profile.named("huge")).hasMessageContaining("quick, full, large");
    }

    @Test
    void variantsOfMissingOrUnavailableBackendsAreSkippedWithTheReason() {
        Facts facts = new Facts(dir.resolve("facts.jsonl"));
        Plan plan = Profile.quick().plans().get(0);
        Backends backends = Backends.of(VectorBackends.of(new ExactIndexProvider(), new BrokenProvider()));

        Plan kept = BenchmarkRunner.available(plan, backends, facts).orElseThrow();

        assertThat(kept.variants()).containsExactly("exact");
        List<Map<String, Object>> skipped = Facts.read(dir.resolve("facts.jsonl"));
        assertThat(skipped).extracting(f -> f.get("what")).contains("search faiss-flat", "search jvector");
        assertThat(skipped).extracting(f -> String.valueOf(f.get("reason")))
                .anyMatch(r -> r.contains("libjniFaiss.so: cannot open shared object file"))
                .anyMatch(r -> r.contains("'jvector' is not installed"));
    }

    @Test
    void aPlanWithNoRunnableVariantIsDropped() {
        Plan plan = Profile.quick().plans().get(0).withVariants(List.of("faiss-hnsw"));
        Backends backends = Backends.of(VectorBackends.of(new ExactIndexProvider()));
        assertThat(BenchmarkRunner.available(plan, backends, new Facts(null))).isEmpty();
    }
}
