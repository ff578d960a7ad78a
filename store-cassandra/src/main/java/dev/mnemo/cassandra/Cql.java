package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.DriverException;
import dev.mnemo.api.StorageException;
import java.util.function.Supplier;

/** Runs driver calls and turns the driver's exceptions into Mnemo's {@link StorageException}, named for the action. */
final class Cql {
    private Cql() {
    }

    static <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (DriverException e) {
            throw failed(action, e);
        }
    }

    static StorageException failed(String action, Throwable cause) {
        // the driver's message names the nodes tried and why each failed; bound values are never in it
        return new StorageException(action, null, cause);
    }
}
