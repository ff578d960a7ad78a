/**
 * The store-kind SPI: what a database must provide for {@link dev.mnemo.core.store.MemoryStore} to
 * keep its records in it. SQLite (one file per store, built into core) is the default kind; a
 * module adds another kind (e.g. {@code store-postgres}) with a {@link dev.mnemo.core.spi.StoreProvider}
 * registered for {@link java.util.ServiceLoader}, chosen by {@code mnemo.store.kind}.
 *
 * <p>Everything above this seam (search pipeline, fusion, ranking, the index keeper, the embedding
 * cache's policy, text rules) stays in core and is shared by every kind; a kind supplies the SQL
 * and the transactions. The types here are for store implementations, not for applications, and
 * may change between releases while the second kind settles.
 */
package dev.mnemo.core.spi;
