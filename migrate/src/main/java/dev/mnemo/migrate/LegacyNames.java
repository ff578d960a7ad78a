package dev.mnemo.migrate;

import dev.mnemo.api.InvalidNameException;
import dev.mnemo.core.store.StoreNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks a character or story name before it becomes part of a path, with the store's own rules
 * ({@link StoreNames}), so that every legacy folder the scanner accepts can also be migrated into
 * a store of the same name. Any Unicode text is allowed except what could leave the parent folder
 * or confuse a file system: {@code .}, {@code ..}, separators, NUL and other control characters,
 * {@code :}, surrounding white space, more than {@value StoreNames#MAX_LENGTH} characters.
 */
public final class LegacyNames {
    private LegacyNames() {
    }

    /** {@code character} or {@code story}, as the store's messages name them. */
    static String kindWord(LegacyKind kind) {
        return kind == LegacyKind.CHARACTER ? "character" : "story";
    }

    /**
     * Returns {@code parent.resolve(name)} after checking the name and that the result is a
     * direct child of {@code parent}.
     *
     * @throws InvalidNameException naming the problem
     */
    public static Path resolveChild(Path parent, String name, LegacyKind kind) {
        check(name, kind);
        Path child;
        try {
            child = parent.resolve(name);
        } catch (InvalidPathException e) {
            throw new InvalidNameException(kindWord(kind) + " name is not a valid file name here: " + e.getReason());
        }
        // belt and braces: whatever the platform's path rules, the result must sit directly in parent
        Path normalizedParent = parent.toAbsolutePath().normalize();
        if (!normalizedParent.equals(child.toAbsolutePath().normalize().getParent())) {
            throw new InvalidNameException(kindWord(kind) + " name would leave " + parent);
        }
        return child;
    }

    /** Rejects names that are empty or could escape their folder. */
    public static void check(String name, LegacyKind kind) {
        StoreNames.check(kindWord(kind), name);
    }
}
