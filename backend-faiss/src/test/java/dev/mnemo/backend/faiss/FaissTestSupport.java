package dev.mnemo.backend.faiss;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mnemo.api.Availability;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.core.index.SearchPlanner;
import java.util.List;

/** The FAISS provider for tests: on CI ({@code CI=true}) a library that cannot load fails the test, elsewhere it skips it. */
final class FaissTestSupport {
    private FaissTestSupport() {
    }

    static FaissIndexProvider provider() {
        FaissIndexProvider provider = new FaissIndexProvider();
        requireAvailable(provider.availability());
        return provider;
    }

    static void requireAvailable(Availability availability) {
        if (availability.available()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("FAISS must load on CI: " + availability.reason());
        }
        assumeTrue(false, "FAISS unavailable here: " + availability.reason());
    }

    /** A k-nearest search as the store runs it: the planner over the index's two kinds of search. */
    static List<Neighbor> search(VectorIndex index, float[] query, int k, IdFilter filter) {
        return SearchPlanner.of(index.spec()).search(index, query, k, filter);
    }
}
