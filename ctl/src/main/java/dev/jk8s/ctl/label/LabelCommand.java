package dev.jk8s.ctl.label;

import dev.jk8s.ctl.MetadataChanges;
import dev.jk8s.ctl.MetadataCommand;
import picocli.CommandLine.Command;

/**
 * {@code jctl label KIND NAME KEY=VALUE... KEY-...}: changes an object's labels, as
 * {@code annotate} changes annotations. Malformed keys and values are refused by the apiserver,
 * whose message names them. With {@code --resource-version} the write is a compare-and-swap on it.
 */
@Command(name = "label", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Set or remove labels of an object.",
        footer = {"", "Examples:", "  jctl label pod web-1 tier=frontend", "  jctl label pod web-1 tier=backend --overwrite",
                "  jctl label pod web-1 tier-", "  jctl label node n1 disk=ssd --resource-version 42"})
public final class LabelCommand extends MetadataCommand {

    @Override
    protected MetadataChanges.Field field() {
        return MetadataChanges.Field.LABELS;
    }

    @Override
    protected String done() {
        return "labeled";
    }
}
