package dev.mnemo.postgres;

import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.testkit.StoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract on PostgreSQL: every test in a fresh schema of the run's server. */
@ExtendWith(PgServerExtension.class)
class PostgresMemoryStoreTest extends StoreContract {
    private final PgServer server;
    private final String schema;

    PostgresMemoryStoreTest(PgServer server) {
        this.server = server;
        this.schema = server.freshSchema();
    }

    @Override
    protected String backend() {
        return "exact";
    }

    @Override
    protected MnemoConfig.Builder config() {
        return PgTestConfig.postgres(super.config(), server, schema);
    }
}
