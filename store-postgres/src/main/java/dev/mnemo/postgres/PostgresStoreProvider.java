package dev.mnemo.postgres;

import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.spi.StoreCluster;
import dev.mnemo.core.spi.StoreProvider;

/** Store kind {@code postgres} ({@code mnemo.store.kind=postgres}), configured by {@link PostgresSettings}. */
public final class PostgresStoreProvider implements StoreProvider {
    public static final String KIND = "postgres";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public StoreCluster connect(MnemoConfig config) {
        return new PostgresStores(PostgresSettings.of(config));
    }
}
