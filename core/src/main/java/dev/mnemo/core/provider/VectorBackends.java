package dev.mnemo.core.provider;

import dev.mnemo.api.Availability;
import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.UnknownProviderException;
import dev.mnemo.api.vector.VectorIndexProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vector backends installed on the class path, looked up by name. {@code auto} prefers
 * {@code faiss}, then {@code jvector}, then {@code exact}, and records why it passed over each.
 */
public final class VectorBackends {
    public static final String AUTO = "auto";
    private static final List<String> AUTO_ORDER = List.of("faiss", "jvector", "exact");
    private static final Logger LOG = LoggerFactory.getLogger(VectorBackends.class);

    private final Map<String, VectorIndexProvider> byName;

    private VectorBackends(Map<String, VectorIndexProvider> byName) {
        this.byName = byName;
    }

    /** Every provider {@link ServiceLoader} finds through the given class loader. */
    public static VectorBackends discover(ClassLoader loader) {
        Map<String, VectorIndexProvider> found = new TreeMap<>();
        for (VectorIndexProvider p : ServiceLoader.load(VectorIndexProvider.class, loader)) {
            found.putIfAbsent(p.name(), p);
        }
        return new VectorBackends(found);
    }

    /** The providers on this class's own class path. */
    public static VectorBackends discover() {
        return discover(VectorBackends.class.getClassLoader());
    }

    /** Exactly the given providers (explicit registration, e.g. in tests or embedding apps). */
    public static VectorBackends of(VectorIndexProvider... providers) {
        Map<String, VectorIndexProvider> found = new TreeMap<>();
        for (VectorIndexProvider p : providers) {
            found.put(p.name(), p);
        }
        return new VectorBackends(found);
    }

    /** Names of the installed providers. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** Each installed provider with its availability. */
    public Map<String, Availability> availability() {
        Map<String, Availability> out = new TreeMap<>();
        byName.forEach((name, p) -> out.put(name, p.availability()));
        return out;
    }

    /**
     * Resolves a configured name to an available provider.
     *
     * @throws UnknownProviderException     when no provider has that name
     * @throws ProviderUnavailableException when it exists but cannot run here
     */
    public Choice choose(String name) {
        if (AUTO.equals(name)) {
            return chooseAuto();
        }
        VectorIndexProvider p = byName.get(name);
        if (p == null) {
            List<String> known = new ArrayList<>(byName.keySet());
            known.add(0, AUTO);
            throw new UnknownProviderException("vector backend", name, known);
        }
        Availability a = p.availability();
        if (!a.available()) {
            throw new ProviderUnavailableException("vector backend", name, a.reason());
        }
        return new Choice(p, "configured: " + name);
    }

    private Choice chooseAuto() {
        StringBuilder passed = new StringBuilder();
        for (String name : AUTO_ORDER) {
            VectorIndexProvider p = byName.get(name);
            if (p == null) {
                passed.append(name).append(" not installed; ");
                continue;
            }
            Availability a = p.availability();
            if (a.available()) {
                String note = "auto: " + name + (passed.length() == 0 ? "" : " (" + passed.substring(0, passed.length() - 2) + ")");
                if (passed.length() > 0) {
                    LOG.info("vector backend {}", note);
                }
                return new Choice(p, note);
            }
            passed.append(name).append(" unavailable: ").append(a.reason()).append("; ");
        }
        throw new ProviderUnavailableException("vector backend", AUTO, "no backend can run here: " + passed);
    }

    /**
     * A chosen provider.
     *
     * @param provider the provider
     * @param note     how it was chosen, including why better ones were passed over
     */
    public record Choice(VectorIndexProvider provider, String note) {
    }
}
