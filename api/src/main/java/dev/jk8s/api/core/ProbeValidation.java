package dev.jk8s.api.core;

import dev.jk8s.api.IntOrString;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.util.List;

/** Validation of a container's probes, and of ports given as a number or a name. */
final class ProbeValidation {

    private ProbeValidation() {
    }

    static void probes(Errors errs, Path container, Container c, boolean init) {
        if (init) {
            // init containers run to completion one by one; there is nothing to probe
            forbidInit(errs, container.child("livenessProbe"), c.livenessProbe());
            forbidInit(errs, container.child("readinessProbe"), c.readinessProbe());
            forbidInit(errs, container.child("startupProbe"), c.startupProbe());
            return;
        }
        probe(errs, container.child("livenessProbe"), c.livenessProbe(), true);
        probe(errs, container.child("readinessProbe"), c.readinessProbe(), false);
        probe(errs, container.child("startupProbe"), c.startupProbe(), true);
    }

    private static void forbidInit(Errors errs, Path p, Probe probe) {
        if (probe != null) {
            errs.forbidden(p, "may not be set for init containers");
        }
    }

    /** {@code singleSuccess}: liveness and startup probes act on one success, so the threshold must be 1. */
    private static void probe(Errors errs, Path p, Probe probe, boolean singleSuccess) {
        if (probe == null) {
            return;
        }
        handler(errs, p, probe);
        errs.nonNegative(p.child("initialDelaySeconds"), probe.initialDelaySeconds());
        errs.nonNegative(p.child("timeoutSeconds"), probe.timeoutSeconds());
        errs.nonNegative(p.child("periodSeconds"), probe.periodSeconds());
        errs.nonNegative(p.child("successThreshold"), probe.successThreshold());
        errs.nonNegative(p.child("failureThreshold"), probe.failureThreshold());
        errs.nonNegative(p.child("terminationGracePeriodSeconds"), probe.terminationGracePeriodSeconds());
        if (singleSuccess && probe.successThreshold() != null && probe.successThreshold() != 1) {
            errs.invalid(p.child("successThreshold"), probe.successThreshold(), "must be 1");
        }
    }

    private static void handler(Errors errs, Path p, Probe probe) {
        if (probe.handlerCount() == 0) {
            errs.add(p, "Required value: must specify a handler type");
            return;
        }
        if (probe.handlerCount() > 1) {
            errs.forbidden(p, "may not specify more than 1 handler type");
        }
        if (probe.exec() != null && probe.exec().command().isEmpty()) {
            errs.add(p.child("exec").child("command"), "Required value");
        }
        if (probe.httpGet() != null) {
            httpGet(errs, p.child("httpGet"), probe.httpGet());
        }
        if (probe.tcpSocket() != null) {
            portNumOrName(errs, p.child("tcpSocket").child("port"), probe.tcpSocket().port());
        }
    }

    /** An httpGet of a probe or of a lifecycle hook, after defaulting (path and scheme are set). */
    static void httpGet(Errors errs, Path p, HttpGetAction get) {
        errs.required(p.child("path"), get.path());
        portNumOrName(errs, p.child("port"), get.port());
        errs.oneOf(p.child("scheme"), get.scheme(), List.of("HTTP", "HTTPS"));
        for (int i = 0; i < get.httpHeaders().size(); i++) {
            errs.required(p.child("httpHeaders").index(i).child("name"), get.httpHeaders().get(i).name());
        }
    }

    /** A required port given as a number (1–65535) or as the name of a container port. */
    static void portNumOrName(Errors errs, Path p, IntOrString port) {
        if (!errs.required(p, port)) {
            return;
        }
        if (port.isInt()) {
            errs.port(p, port.intValue());
        } else {
            errs.portName(p, port.stringValue());
        }
    }
}
