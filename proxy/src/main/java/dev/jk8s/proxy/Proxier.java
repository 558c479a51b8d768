package dev.jk8s.proxy;

import java.util.List;
import java.util.Map;

/**
 * One way of routing service traffic on a node (iptables rules, or a userspace proxy). The
 * {@link ProxyServer} calls it from one thread: {@link #secure} once before anything else, then
 * {@link #sync} with the full desired state after every change (level-triggered: each call
 * converges the node to exactly the targets given, whatever it did before, and is safe to repeat).
 */
public interface Proxier {

    /**
     * Before any service rule exists: makes every address of the service range unable to leave
     * this host, including addresses not yet allocated. Idempotent.
     */
    void secure() throws CommandException;

    /**
     * Serves exactly {@code targets} from now on.
     *
     * @return what is programmed now, by kind (e.g. {@code filter} and {@code nat} rules), for metrics
     */
    Map<String, Integer> sync(List<ServicePortTarget> targets) throws Exception;

    /** Stops serving and removes every rule, route and listener this mode installs, whoever installed them. Idempotent. */
    void cleanup() throws CommandException;
}
