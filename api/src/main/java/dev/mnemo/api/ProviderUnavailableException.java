package dev.mnemo.api;

/** A provider that exists but cannot run here, for the reason it gave (e.g. a missing native library). */
public class ProviderUnavailableException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String kind, String name, String reason) {
        super(kind + " '" + name + "' is unavailable: " + reason);
    }
}
