/**
 * Store kind {@code postgres}: every store of a {@link dev.mnemo.core.store.MemoryService} in one
 * PostgreSQL schema, shared by as many application instances as reach it. Selected with
 * {@code mnemo.store.kind=postgres}; see {@link dev.mnemo.postgres.PostgresSettings} for the keys.
 *
 * <p>Stores share tables keyed by store (10,000 characters are 10,000 rows of {@code mnemo_store},
 * not 10,000 tables). Each instance keeps its in-process vector index in its data directory and in
 * step through a change feed (an outbox written by triggers in the writing transaction and read
 * below the oldest running transaction; see {@link dev.mnemo.postgres.PgChangeFeed}); LISTEN/NOTIFY
 * wakes the other instances. This module implements core's store-kind SPI
 * ({@link dev.mnemo.core.spi}) and never uses core's internals.
 */
package dev.mnemo.postgres;
