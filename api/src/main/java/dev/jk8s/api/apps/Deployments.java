package dev.jk8s.api.apps;

import static dev.jk8s.api.Values.or;
import static dev.jk8s.api.apps.DeploymentStrategy.RECREATE;
import static dev.jk8s.api.apps.DeploymentStrategy.ROLLING_UPDATE;
import static dev.jk8s.api.core.Workloads.SPEC;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.IntOrString;
import dev.jk8s.api.core.PodSpecDefaults;
import dev.jk8s.api.core.Workloads;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Defaults and validation of Deployments. */
final class Deployments {

    private static final IntOrString QUARTER = IntOrString.of("25%");
    private static final Pattern PERCENT = Pattern.compile("([0-9]+)%");

    private Deployments() {
    }

    static Deployment defaults(Deployment d) {
        DeploymentSpec s = d.spec();
        return d.withSpec(new DeploymentSpec(or(s.replicas(), 1), s.selector(), PodSpecDefaults.apply(s.template()),
                strategy(s.strategy()), s.minReadySeconds(), or(s.revisionHistoryLimit(), 10), s.paused(),
                or(s.progressDeadlineSeconds(), 600)));
    }

    private static DeploymentStrategy strategy(DeploymentStrategy s) {
        String type = s == null ? ROLLING_UPDATE : or(s.type(), ROLLING_UPDATE);
        RollingUpdateDeployment r = s == null ? null : s.rollingUpdate();
        if (!ROLLING_UPDATE.equals(type)) {
            return new DeploymentStrategy(type, r);
        }
        r = r == null ? new RollingUpdateDeployment(null, null) : r;
        return new DeploymentStrategy(type, new RollingUpdateDeployment(or(r.maxUnavailable(), QUARTER),
                or(r.maxSurge(), QUARTER)));
    }

    static List<FieldError> validate(Deployment d) {
        Errors errs = new Errors();
        DeploymentSpec s = d.spec();
        Workloads.validate(errs, s.replicas(), s.minReadySeconds(), s.selector(), s.template(), "deployment");
        if (s.strategy() != null) {
            strategy(errs, SPEC.child("strategy"), s.strategy());
        }
        errs.nonNegative(SPEC.child("revisionHistoryLimit"), s.revisionHistoryLimit());
        Integer deadline = s.progressDeadlineSeconds();
        if (deadline != null && deadline <= or(s.minReadySeconds(), 0)) {
            errs.invalid(SPEC.child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds");
        }
        return errs.list();
    }

    static List<FieldError> validateUpdate(Deployment d, Deployment old) {
        return Workloads.selectorUnchanged(d.spec().selector(), old.spec().selector());
    }

    private static void strategy(Errors errs, Path p, DeploymentStrategy s) {
        errs.oneOf(p.child("type"), s.type(), List.of(ROLLING_UPDATE, RECREATE));
        RollingUpdateDeployment r = s.rollingUpdate();
        if (r == null) {
            return;
        }
        Path rp = p.child("rollingUpdate");
        if (RECREATE.equals(s.type())) {
            errs.forbidden(rp, "may not be specified when strategy `type` is 'Recreate'");
            return;
        }
        boolean valid = bound(errs, rp.child("maxUnavailable"), r.maxUnavailable(), true)
                & bound(errs, rp.child("maxSurge"), r.maxSurge(), false);
        // with neither room to surge nor to be unavailable, a rollout could never make a step
        if (valid && isZero(r.maxUnavailable()) && isZero(r.maxSurge())) {
            errs.invalid(rp.child("maxUnavailable"), raw(r.maxUnavailable()), "may not be 0 when `maxSurge` is 0");
        }
    }

    /** A count ≥ 0 or a percentage ({@code atMostAll}: ≤ 100%); returns whether it is valid. */
    private static boolean bound(Errors errs, Path p, IntOrString v, boolean atMostAll) {
        if (v == null) {
            return true;
        }
        if (v.isInt()) {
            errs.nonNegative(p, v.intValue());
            return v.intValue() >= 0;
        }
        Matcher m = PERCENT.matcher(v.stringValue());
        if (!m.matches()) {
            errs.invalid(p, v.stringValue(), "a valid percent string must be a numeric string followed by an ending "
                    + "'%' (e.g. '1%', or '93%', regex used for validation is '[0-9]+%')");
            return false;
        }
        if (atMostAll && new BigInteger(m.group(1)).compareTo(BigInteger.valueOf(100)) > 0) {
            errs.invalid(p, v.stringValue(), "must not be greater than 100%");
            return false;
        }
        return true;
    }

    private static boolean isZero(IntOrString v) {
        if (v == null) {
            return false;
        }
        return v.isInt() ? v.intValue() == 0 : new BigInteger(v.stringValue().replace("%", "")).signum() == 0;
    }

    private static Object raw(IntOrString v) {
        return v.isInt() ? v.intValue() : v.stringValue();
    }
}
