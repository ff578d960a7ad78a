package dev.mnemo.core.legacy;

import dev.mnemo.api.InvalidNameException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks a character or story name before it becomes part of a path. Any Unicode text is
 * allowed except what could leave the parent folder: {@code .}, {@code ..}, separators, NUL,
 * or anything the file system resolves to somewhere else (an absolute or drive-letter path).
 */
public final class LegacyNames {
    /** File systems limit one path element to 255 bytes; the legacy files add a suffix to it. */
    static final int MAX_NAME_BYTES = 255;

    private LegacyNames() {
    }

    /**
     * Returns {@code parent.resolve(name)} after checking that it is a direct child of
     * {@code parent}.
     *
     * @throws InvalidNameException naming the problem (the name itself is echoed only when short)
     */
    public static Path resolveChild(Path parent, String name, String what) {
        check(name, what);
        Path child;
        try {
            child = parent.resolve(name);
        } catch (InvalidPathException e) {
            throw new InvalidNameException(what + " " + quote(name) + " is not a valid file name: " + e.getReason());
        }
        // belt and braces: whatever the platform's path rules, the result must sit directly in parent
        Path normalizedParent = parent.toAbsolutePath().normalize();
        Path normalizedChild = child.toAbsolutePath().normalize();
        if (!normalizedParent.equals(normalizedChild.getParent())) {
            throw new InvalidNameException(what + " " + quote(name) + " would leave " + parent);
        }
        return child;
    }

    /** Rejects names that are empty or could escape their folder. */
    public static void check(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNameException(what + " is empty");
        }
        if (name.isBlank()) {
            throw new InvalidNameException(what + " is blank");
        }
        // with separators refused below, only these two can point outside the folder ("a..b" cannot)
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidNameException(what + " " + quote(name) + " would leave the data folder");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                throw new InvalidNameException(what + " " + quote(name) + " contains a path separator");
            }
            if (c == 0) {
                throw new InvalidNameException(what + " contains a NUL character");
            }
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            throw new InvalidNameException(what + " " + quote(name) + " looks like a drive-letter path");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new InvalidNameException(what + " is longer than " + MAX_NAME_BYTES + " bytes");
        }
    }

    private static String quote(String name) {
        String printable = name.replace("\0", "\\0");
        return "'" + (printable.length() <= 60 ? printable : printable.substring(0, 60) + "...") + "'";
    }
}
