package dev.mnemo.reliability;

import dev.mnemo.core.provider.VectorBackends;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vector backends the reliability suite runs against: every one of {@code exact},
 * {@code faiss} and {@code jvector} that is installed on the test class path and can run here
 * (FAISS needs its native library). A backend that is missing is simply not in the list, so the
 * suite picks up JVector as soon as its module is merged.
 */
final class ReliabilityBackends {
    private static final Set<String> SUITE = Set.of("exact", "faiss", "jvector");

    private ReliabilityBackends() {
    }

    /** Names of the available backends, sorted; used as a JUnit {@code @MethodSource}. */
    static List<String> available() {
        return VectorBackends.discover().availability().entrySet().stream()
                .filter(e -> SUITE.contains(e.getKey()) && e.getValue().available())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
