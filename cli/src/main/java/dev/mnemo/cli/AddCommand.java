package dev.mnemo.cli;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mnemo add}: stores one conversation turn or one record of another type. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Stores a memory: a conversation (--user and --assistant) or a text (--text, --type).",
            "Prints the new record's id."})
final class AddCommand extends StoreCommand {
    /** Type of a plain --text record when --type is not given. */
    static final String DEFAULT_TEXT_TYPE = "note";

    @Option(names = "--user", paramLabel = "TEXT", description = "What the user said (with --assistant).")
    private String user;

    @Option(names = "--assistant", paramLabel = "TEXT", description = "What the character answered (with --user).")
    private String assistant;

    @Option(names = "--text", paramLabel = "TEXT", description = "The text of a non-conversation record.")
    private String text;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Record type, e.g. summary, event (default: conversation for --user/--assistant, "
                    + DEFAULT_TEXT_TYPE + " for --text).")
    private String type;

    @Option(names = "--timestamp", paramLabel = "TIME",
            description = "When it happened: ISO-8601 or 'yyyy-MM-dd HH:mm:ss[.SSSSSS]' (UTC); default now.")
    private String timestamp;

    @Option(names = "--meta", paramLabel = "KEY=VALUE",
            description = {"Metadata to filter on with search --where (repeatable). A plain value is a string;",
                "n:42 a number (n:1.5 too), d:1.5 a double, b:true a boolean, s:n:42 the string 'n:42'."})
    private List<String> meta = new ArrayList<>();

    @Override
    int run(MemoryService service, MemoryStore store) {
        MemoryRecord r = store.add(draft().withMetadata(MetaArgs.parse(meta)));
        if (global().json()) {
            printJson(Json.record(r));
        } else {
            out().printf("added record %d (%s, %s) to %s%n", r.id(), r.type(), r.timestamp(), global().storeLabel());
        }
        return ExitCodes.OK;
    }

    private MemoryDraft draft() {
        Instant when = timestamp == null ? null : TimeArgs.parse("--timestamp", timestamp);
        boolean conversation = user != null || assistant != null;
        if (conversation == (text != null)) {
            throw new CliException(ExitCodes.USAGE, "give either --user and --assistant, or --text");
        }
        if (conversation) {
            if (user == null || assistant == null) {
                throw new CliException(ExitCodes.USAGE, "a conversation needs both --user and --assistant");
            }
            RecordType t = type == null ? RecordType.CONVERSATION : RecordType.of(type);
            return new MemoryDraft(t, MemoryDraft.conversationText(user, assistant), user, assistant, when);
        }
        return MemoryDraft.of(RecordType.of(type == null ? DEFAULT_TEXT_TYPE : type), text, when);
    }
}
