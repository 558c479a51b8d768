package dev.jk8s.api.core;

import dev.jk8s.api.Values;

/** Defaults of Namespaces: a new namespace is Active. */
final class Namespaces {

    private Namespaces() {
    }

    static Namespace defaults(Namespace ns) {
        return ns.withStatus(ns.status().withPhase(Values.or(ns.status().phase(), NamespaceStatus.ACTIVE)));
    }
}
