package dev.jk8s.controllermanager.controller;

import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.NamespaceStatus;

/** What controllers ask of a namespace. Pure. */
public final class Namespaces {

    private Namespaces() {
    }

    /**
     * Being deleted: a deletionTimestamp or the phase Terminating. The apiserver's
     * NamespaceLifecycle refuses new content in such a namespace, so controllers stop creating there.
     */
    public static boolean isTerminating(Namespace ns) {
        return ns.metadata().isTerminating() || NamespaceStatus.TERMINATING.equals(ns.status().phase());
    }
}
