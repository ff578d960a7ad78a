package dev.mnemo.core.store;

import dev.mnemo.api.InvalidNameException;
import java.nio.file.Path;

/**
 * Character and story names become folder and file names under the data directory, so they are
 * checked before any path is built: nothing that could leave {@code data/} or confuse a file system.
 * Any other Unicode text (e.g. {@code 银狼}, {@code 存档_二}) is fine.
 */
public final class StoreNames {
    public static final int MAX_LENGTH = 100;

    private StoreNames() {
    }

    /** Returns the name if it is safe, else throws {@link InvalidNameException} saying why. */
    public static String check(String kind, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidNameException(kind + " name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidNameException(kind + " name is longer than " + MAX_LENGTH + " characters");
        }
        if (name.equals(".") || name.contains("..")) {
            throw new InvalidNameException(kind + " name must not contain '..': '" + printable(name) + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '/' || ch == '\\') {
                throw new InvalidNameException(kind + " name must not contain a path separator: '" + printable(name) + "'");
            }
            if (ch == ':' || Character.isISOControl(ch) || Character.isSurrogate(ch) && !validSurrogatePair(name, i)) {
                throw new InvalidNameException(kind + " name contains a forbidden character (control, NUL, ':' or"
                        + " broken surrogate) at position " + i);
            }
            if (Character.isHighSurrogate(ch)) {
                i++;
            }
        }
        if (!name.strip().equals(name)) {
            throw new InvalidNameException(kind + " name must not start or end with white space");
        }
        return name;
    }

    /**
     * The file name of a store's vector index, {@code <name>_<backend>.index}, beside its database.
     * Public for the legacy migrator, which must move a legacy FAISS file of the same name out of
     * the way before it opens the store.
     */
    public static String indexFileName(String name, String backend) {
        return name + "_" + backend + ".index";
    }

    /** The folder of a store: {@code <dataDir>/<group>/<name>}, checked to stay inside {@code dataDir}. */
    public static Path folder(Path dataDir, String group, String kind, String name) {
        check(kind, name);
        Path root = dataDir.toAbsolutePath().normalize();
        Path folder = root.resolve(group).resolve(name).normalize();
        if (!folder.startsWith(root.resolve(group)) || folder.getNameCount() != root.getNameCount() + 2) {
            throw new InvalidNameException(kind + " name '" + printable(name) + "' would leave the data directory");
        }
        return folder;
    }

    private static boolean validSurrogatePair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(60).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
