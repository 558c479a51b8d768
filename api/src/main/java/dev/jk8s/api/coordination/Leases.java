package dev.jk8s.api.coordination;

import dev.jk8s.api.FieldError;
import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.util.List;

/** Validation of Leases. */
final class Leases {

    private Leases() {
    }

    static List<FieldError> validate(Lease lease) {
        Errors errs = new Errors();
        Path spec = Path.of("spec");
        errs.positive(spec.child("leaseDurationSeconds"), lease.spec().leaseDurationSeconds());
        errs.nonNegative(spec.child("leaseTransitions"), lease.spec().leaseTransitions());
        return errs.list();
    }
}
