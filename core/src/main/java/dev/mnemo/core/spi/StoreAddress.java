package dev.mnemo.core.spi;

import java.nio.file.Path;

/**
 * Which store to open.
 *
 * @param group  {@code memory} for characters, {@code saves} for stories (the data directory's folders)
 * @param kind   {@code character} or {@code story}
 * @param name   the character name or story id, already checked as a store name
 * @param folder the store's local folder (a SQLite kind keeps its file there; every kind keeps the
 *               vector index file there)
 */
public record StoreAddress(String group, String kind, String name, Path folder) {
}
