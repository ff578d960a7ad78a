package dev.mnemo.embedding.siliconflow;

import dev.mnemo.api.InvalidInputException;

/**
 * An API key that never shows itself: {@code toString} is redacted and the only way to read it is
 * {@link #reveal()}, used for the Authorization header and for scrubbing server text.
 */
final class ApiKey {
    private final String secret;

    private ApiKey(String secret) {
        this.secret = secret;
    }

    /**
     * Accepts a key made of visible ASCII characters; the error never quotes the value.
     *
     * @param source names where the key came from, for the error message
     */
    static ApiKey of(String value, String source) {
        String key = value.strip();
        if (key.startsWith("Bearer ")) {
            // A common copy-paste slip; the header adds the scheme itself.
            key = key.substring("Bearer ".length()).strip();
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidInputException("the API key from " + source
                        + " contains a space, control or non-ASCII character at position " + i
                        + " (length " + key.length() + ")");
            }
        }
        return new ApiKey(key);
    }

    String reveal() {
        return secret;
    }

    /** Replaces every occurrence of the key in {@code text}, for server messages we pass on. */
    String scrub(String text) {
        return text.replace(secret, "***");
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
