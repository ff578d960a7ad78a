/**
 * Internal, not API: the SQLite schema, its migrations and the JDBC repositories behind
 * {@link dev.mnemo.core.store.MemoryStore}. Classes here are public only so the store package can
 * use them; they may change in any release. Applications and other Mnemo modules use the store
 * API (an architecture rule checks that no module outside {@code core} depends on
 * {@code dev.mnemo.core.internal}).
 */
package dev.mnemo.core.internal.db;
