package dev.mnemo.api;

import java.util.Collection;

/** A backend or embedding provider name that no installed provider answers to. */
public class UnknownProviderException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public UnknownProviderException(String kind, String name, Collection<String> known) {
        super("unknown " + kind + " '" + name + "'; known: " + (known.isEmpty() ? "none installed" : String.join(", ", known))
                + " (a provider outside this list needs its module on the class path)");
    }
}
