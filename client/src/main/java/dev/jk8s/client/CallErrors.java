package dev.jk8s.client;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Reason;
import dev.jk8s.api.wire.WireErrors;
import java.util.List;

/** How every client call turns a gRPC failure into the {@link ApiException} its caller sees. */
final class CallErrors {

    private CallErrors() {
    }

    /**
     * The API error of a failed call to the apiserver at {@code target}; a call that never reached
     * it says so. Anything that is not a gRPC failure (a bug on this side) is rethrown.
     */
    static ApiException translate(RuntimeException e, String target) {
        if (!WireErrors.isGrpc(e)) {
            throw e;
        }
        ApiException api = WireErrors.toApiException(e);
        if (api.is(Reason.UNAVAILABLE) && api.resource().isEmpty() && !WireErrors.carriesDetails(e)) {
            return new ApiException(Reason.UNAVAILABLE, "", "", "the apiserver at " + target + " is unreachable ("
                    + api.getMessage() + "); is it running?", List.of());
        }
        return api;
    }
}
