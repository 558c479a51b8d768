package dev.jk8s.ctl.annotate;

import dev.jk8s.ctl.MetadataChanges;
import dev.jk8s.ctl.MetadataCommand;
import picocli.CommandLine.Command;

/**
 * {@code jctl annotate KIND NAME KEY=VALUE... KEY-...}: changes an object's annotations. Without
 * {@code --resource-version} it re-reads and retries when someone else wrote in between; with
 * it, the write is a compare-and-swap on that version, and a stale one fails with Conflict.
 */
@Command(name = "annotate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Set or remove annotations of an object.",
        footer = {"", "Examples:", "  jctl annotate configmap app-config owner=team-a",
                "  jctl annotate cm app-config owner=team-b --overwrite", "  jctl annotate cm app-config owner-",
                "  jctl annotate cm app-config reviewed=yes --resource-version 42"})
public final class AnnotateCommand extends MetadataCommand {

    @Override
    protected MetadataChanges.Field field() {
        return MetadataChanges.Field.ANNOTATIONS;
    }

    @Override
    protected String done() {
        return "annotated";
    }
}
