package dev.mnemo.benchmarks;

import dev.mnemo.api.Availability;
import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.core.provider.VectorBackends;
import java.util.Map;
import java.util.Optional;

/**
 * The vector backends on the benchmark class path, found by name through {@link VectorBackends}
 * (the same discovery the store uses), so a backend module that is not built yet or cannot run
 * here is reported, never silently replaced.
 */
public final class Backends {
    private final VectorBackends discovered;

    private Backends(VectorBackends discovered) {
        this.discovered = discovered;
    }

    public static Backends discover() {
        return new Backends(VectorBackends.discover(Backends.class.getClassLoader()));
    }

    /** Exactly the given backends (tests). */
    static Backends of(VectorBackends backends) {
        return new Backends(backends);
    }

    /** Why a variant cannot run here, or empty when it can. */
    public Optional<String> unavailableReason(Variant variant) {
        Map<String, Availability> all = discovered.availability();
        Availability a = all.get(variant.backend());
        if (a == null) {
            return Optional.of("backend '" + variant.backend() + "' is not installed (known: " + all.keySet() + ")");
        }
        return a.available() ? Optional.empty() : Optional.of("backend '" + variant.backend() + "' unavailable: " + a.reason());
    }

    /**
     * The provider of a variant.
     *
     * @throws ProviderUnavailableException naming the reason when it is not installed or cannot run
     */
    public VectorIndexProvider provider(Variant variant) {
        Optional<String> reason = unavailableReason(variant);
        if (reason.isPresent()) {
            throw new ProviderUnavailableException("vector backend", variant.backend(), reason.get());
        }
        return discovered.choose(variant.backend()).provider();
    }

    /** Each installed backend with its availability, for the report. */
    public Map<String, Availability> availability() {
        return discovered.availability();
    }
}
