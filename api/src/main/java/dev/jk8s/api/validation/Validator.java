package dev.jk8s.api.validation;

import dev.jk8s.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A kind's validation: a pure function from an object (already defaulted) to every failing field.
 * Object metadata is checked by the registry for every kind; validators check the rest.
 */
@FunctionalInterface
public interface Validator<T> {

    List<FieldError> validate(T object);

    /** Validation of an update; by default the same as of a create. Override for immutable fields. */
    default List<FieldError> validateUpdate(T object, T old) {
        return validate(object);
    }

    static <T> Validator<T> none() {
        return object -> List.of();
    }

    /**
     * A validator whose update check is the create check plus {@code immutable(new, old)}, which
     * reports the fields an update may not change.
     */
    static <T> Validator<T> withUpdate(Validator<T> create, BiFunction<T, T, List<FieldError>> immutable) {
        return new Validator<>() {
            @Override
            public List<FieldError> validate(T object) {
                return create.validate(object);
            }

            @Override
            public List<FieldError> validateUpdate(T object, T old) {
                List<FieldError> all = new ArrayList<>(create.validate(object));
                all.addAll(immutable.apply(object, old));
                return List.copyOf(all);
            }
        };
    }
}
