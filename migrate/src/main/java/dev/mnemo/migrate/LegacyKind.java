package dev.mnemo.migrate;

/** Which of the two legacy trees a folder lives in. */
public enum LegacyKind {
    /** {@code data/memory/<name>/}: the memory of one character. */
    CHARACTER("memory"),
    /** {@code data/saves/<story_id>/}: the memory of one story save. */
    STORY("saves");

    private final String directory;

    LegacyKind(String directory) {
        this.directory = directory;
    }

    /** The folder under {@code data/} that holds folders of this kind. */
    public String directory() {
        return directory;
    }
}
