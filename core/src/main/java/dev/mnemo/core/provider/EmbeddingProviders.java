package dev.mnemo.core.provider;

import dev.mnemo.api.Availability;
import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.UnknownProviderException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingModelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/** The embedding model providers installed on the class path, looked up by name. */
public final class EmbeddingProviders {
    private final Map<String, EmbeddingModelProvider> byName;

    private EmbeddingProviders(Map<String, EmbeddingModelProvider> byName) {
        this.byName = byName;
    }

    public static EmbeddingProviders discover(ClassLoader loader) {
        Map<String, EmbeddingModelProvider> found = new TreeMap<>();
        for (EmbeddingModelProvider p : ServiceLoader.load(EmbeddingModelProvider.class, loader)) {
            found.putIfAbsent(p.name(), p);
        }
        return new EmbeddingProviders(found);
    }

    public static EmbeddingProviders discover() {
        return discover(EmbeddingProviders.class.getClassLoader());
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** Each installed provider with its availability under the given per-provider options. */
    public Map<String, Availability> availability(Function<String, Map<String, String>> options) {
        Map<String, Availability> out = new TreeMap<>();
        byName.forEach((name, p) -> out.put(name, p.availability(options.apply(name))));
        return out;
    }

    /**
     * Creates the named model. The caller owns it.
     *
     * @throws UnknownProviderException     when no provider has that name
     * @throws ProviderUnavailableException when it cannot run with these options
     */
    public EmbeddingModel create(String name, Map<String, String> options) {
        EmbeddingModelProvider p = byName.get(name);
        if (p == null) {
            throw new UnknownProviderException("embedding provider", name, byName.keySet());
        }
        Availability a = p.availability(options);
        if (!a.available()) {
            throw new ProviderUnavailableException("embedding provider", name, a.reason());
        }
        return p.create(options);
    }
}
