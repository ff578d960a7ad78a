package dev.mnemo.backend.faiss;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mnemo.api.Availability;

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
}
