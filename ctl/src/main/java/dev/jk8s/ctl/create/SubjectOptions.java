package dev.jk8s.ctl.create;

import dev.jk8s.api.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The subjects flags of {@code create rolebinding} and {@code create clusterrolebinding}, as kubectl's. */
final class SubjectOptions {

    @Option(names = "--user", paramLabel = "USER", description = "A user to bind the role to. Repeatable.")
    List<String> users = new ArrayList<>();

    @Option(names = "--group", paramLabel = "GROUP", description = "A group to bind the role to. Repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--serviceaccount", paramLabel = "NAMESPACE:NAME",
            description = "A service account to bind the role to. Repeatable.")
    List<String> serviceAccounts = new ArrayList<>();

    /** Users, then groups, then service accounts, each in the order given; a malformed service account is a usage error. */
    List<Subject> subjects(Function<String, RuntimeException> usage) {
        List<Subject> all = new ArrayList<>();
        users.forEach(u -> all.add(Subject.user(u)));
        groups.forEach(g -> all.add(Subject.group(g)));
        for (String sa : serviceAccounts) {
            String[] parts = sa.split(":", -1);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw usage.apply("serviceaccount must be <namespace>:<name>, not \"" + sa + "\"");
            }
            all.add(Subject.serviceAccount(parts[0], parts[1]));
        }
        return all;
    }
}
