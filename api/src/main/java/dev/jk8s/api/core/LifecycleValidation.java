package dev.jk8s.api.core;

import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;

/** Validation of a container's lifecycle hooks (Kubernetes' validateLifecycle). */
final class LifecycleValidation {

    private LifecycleValidation() {
    }

    static void lifecycle(Errors errs, Path container, Container c, boolean init) {
        Lifecycle lifecycle = c.lifecycle();
        if (lifecycle == null) {
            return;
        }
        Path p = container.child("lifecycle");
        if (init) {
            // an init container runs to completion: nobody stops it, so there is nothing to hook
            errs.forbidden(p, "may not be set for init containers");
            return;
        }
        handler(errs, p.child("postStart"), lifecycle.postStart());
        handler(errs, p.child("preStop"), lifecycle.preStop());
    }

    private static void handler(Errors errs, Path p, LifecycleHandler h) {
        if (h == null) {
            return;
        }
        if (h.handlerCount() == 0) {
            errs.add(p, "Required value: must specify a handler type: one of `exec`, `httpGet` or `sleep`");
            return;
        }
        if (h.handlerCount() > 1) {
            errs.forbidden(p, "may not specify more than 1 handler type");
        }
        if (h.exec() != null && h.exec().command().isEmpty()) {
            errs.add(p.child("exec").child("command"), "Required value");
        }
        if (h.httpGet() != null) {
            ProbeValidation.httpGet(errs, p.child("httpGet"), h.httpGet());
        }
        if (h.tcpSocket() != null) {
            // Kubernetes accepts it but its kubelet never runs it: refusing says so up front
            errs.forbidden(p.child("tcpSocket"), "not supported as a lifecycle handler; use `exec`, `httpGet` or `sleep`");
        }
        if (h.sleep() != null && errs.required(p.child("sleep").child("seconds"), h.sleep().seconds())) {
            errs.nonNegative(p.child("sleep").child("seconds"), h.sleep().seconds());
        }
    }
}
