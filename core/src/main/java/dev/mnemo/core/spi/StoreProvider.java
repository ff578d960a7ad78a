package dev.mnemo.core.spi;

import dev.mnemo.core.config.MnemoConfig;

/**
 * A store kind other than the built-in {@code sqlite}, registered for {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mnemo.core.spi.StoreProvider}) and chosen by {@code mnemo.store.kind}.
 */
public interface StoreProvider {

    /** The kind's name, e.g. {@code postgres}. */
    String kind();

    /** Connects to the kind's database as configured; the service closes the cluster. */
    StoreCluster connect(MnemoConfig config);
}
