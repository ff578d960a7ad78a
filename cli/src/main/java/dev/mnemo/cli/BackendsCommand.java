package dev.mnemo.cli;

import dev.mnemo.api.Availability;
import dev.mnemo.api.MnemoException;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.provider.EmbeddingProviders;
import dev.mnemo.core.provider.VectorBackends;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code mnemo backends}: every installed vector backend and embedding model, usable here or not and why. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "Lists the vector backends and embedding models on the class path, whether each can run here"
                + " and why, and which ones the configuration selects.")
final class BackendsCommand extends BaseCommand {

    @Override
    public Integer call() {
        MnemoConfig config = config();
        VectorBackends backends = VectorBackends.discover();
        EmbeddingProviders models = EmbeddingProviders.discover();
        Map<String, Availability> backendAvailability = backends.availability();
        Map<String, Availability> modelAvailability = models.availability(config::embeddingOptions);
        String chosenBackend;
        String selectionNote;
        try {
            VectorBackends.Choice choice = backends.choose(config.vectorBackend());
            chosenBackend = choice.provider().name();
            selectionNote = choice.note();
        } catch (MnemoException e) {
            chosenBackend = null;
            selectionNote = e.getMessage();
        }
        String model = config.embeddingProvider();
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("vector_backends", entries(backendAvailability));
            doc.put("embedding_models", entries(modelAvailability));
            doc.put("configured_vector_backend", config.vectorBackend());
            doc.put("selected_vector_backend", chosenBackend);
            doc.put("selection_note", selectionNote);
            doc.put("configured_embedding_model", model);
            printJson(doc);
        } else {
            out().println("vector backends (mnemo.vector.backend = " + config.vectorBackend() + " -> "
                    + (chosenBackend == null ? "none: " + selectionNote : selectionNote) + "):");
            print(backendAvailability);
            out().println("embedding models (mnemo.embedding.provider = " + model + "):");
            print(modelAvailability);
            out().flush();
        }
        return ExitCodes.OK;
    }

    private void print(Map<String, Availability> availability) {
        if (availability.isEmpty()) {
            out().println("  (none installed)");
        }
        availability.forEach((name, a) -> out().printf("  %-12s %-11s %s%n", name,
                a.available() ? "available" : "UNAVAILABLE", a.reason()));
    }

    private static List<Object> entries(Map<String, Availability> availability) {
        List<Object> out = new ArrayList<>();
        availability.forEach((name, a) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("available", a.available());
            m.put("reason", a.reason());
            out.add(m);
        });
        return out;
    }
}
