package dev.mnemo.postgres;

import dev.mnemo.core.config.MnemoConfig;

/** The configuration keys that put a test's stores on the test server, in one schema. */
final class PgTestConfig {
    private PgTestConfig() {
    }

    static MnemoConfig.Builder postgres(MnemoConfig.Builder config, PgServer server, String schema) {
        return config.set(MnemoConfig.STORE_KIND, "postgres").set(PostgresSettings.URL, server.url())
                .set(PostgresSettings.USER, "postgres").set(PostgresSettings.SCHEMA, schema)
                .set(PostgresSettings.POOL_SIZE, "8");
    }
}
