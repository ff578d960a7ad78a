package dev.mnemo.core.provider;

import dev.mnemo.api.UnknownProviderException;
import dev.mnemo.core.spi.StoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The store kinds installed on the class path besides the built-in {@code sqlite}, looked up by
 * name ({@code mnemo.store.kind}).
 */
public final class StoreKinds {
    /** The built-in kind: one SQLite file per store. */
    public static final String SQLITE = "sqlite";

    private final Map<String, StoreProvider> byName;

    private StoreKinds(Map<String, StoreProvider> byName) {
        this.byName = byName;
    }

    public static StoreKinds discover(ClassLoader loader) {
        Map<String, StoreProvider> found = new TreeMap<>();
        for (StoreProvider p : ServiceLoader.load(StoreProvider.class, loader)) {
            found.putIfAbsent(p.kind(), p);
        }
        return new StoreKinds(found);
    }

    public static StoreKinds discover() {
        return discover(StoreKinds.class.getClassLoader());
    }

    /** Every kind that can be chosen, {@code sqlite} first. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        out.add(SQLITE);
        out.addAll(byName.keySet());
        return out;
    }

    /**
     * The provider of a kind other than {@code sqlite}.
     *
     * @throws UnknownProviderException when no installed module provides it
     */
    public StoreProvider provider(String kind) {
        StoreProvider p = byName.get(kind);
        if (p == null) {
            throw new UnknownProviderException("store kind", kind, names());
        }
        return p;
    }
}
