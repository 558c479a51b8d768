package dev.jk8s.api.wire;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.FieldError;
import dev.jk8s.api.Reason;
import dev.jk8s.proto.Cause;
import dev.jk8s.proto.ErrorDetails;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import java.util.List;
import java.util.Map;

/**
 * The only translation between {@link ApiException} and gRPC status. The server calls
 * {@link #toStatus}, the client {@link #toApiException}; the error's reason, message, object
 * and field causes travel in the trailers, so they arrive intact.
 */
public final class WireErrors {

    static final Metadata.Key<ErrorDetails> DETAILS_KEY = ProtoUtils.keyForProto(ErrorDetails.getDefaultInstance());

    private static final Map<Reason, Status.Code> CODES = Map.ofEntries(
            Map.entry(Reason.NOT_FOUND, Status.Code.NOT_FOUND),
            Map.entry(Reason.ALREADY_EXISTS, Status.Code.ALREADY_EXISTS),
            Map.entry(Reason.CONFLICT, Status.Code.ABORTED),
            Map.entry(Reason.INVALID, Status.Code.INVALID_ARGUMENT),
            Map.entry(Reason.BAD_REQUEST, Status.Code.INVALID_ARGUMENT),
            Map.entry(Reason.UNAUTHORIZED, Status.Code.UNAUTHENTICATED),
            Map.entry(Reason.FORBIDDEN, Status.Code.PERMISSION_DENIED),
            Map.entry(Reason.UNAVAILABLE, Status.Code.UNAVAILABLE),
            Map.entry(Reason.EXPIRED, Status.Code.OUT_OF_RANGE),
            Map.entry(Reason.TOO_LARGE, Status.Code.RESOURCE_EXHAUSTED),
            Map.entry(Reason.TIMEOUT, Status.Code.DEADLINE_EXCEEDED),
            Map.entry(Reason.INTERNAL, Status.Code.INTERNAL));

    private WireErrors() {
    }

    /** The gRPC form of an API error, details in the trailers. */
    public static StatusRuntimeException toStatus(ApiException e) {
        ErrorDetails.Builder details = ErrorDetails.newBuilder()
                .setReason(e.reason().wireName())
                .setMessage(e.getMessage())
                .setKind(e.resource())
                .setName(e.name());
        for (FieldError c : e.causes()) {
            details.addCauses(Cause.newBuilder().setField(c.field()).setMessage(c.message()));
        }
        Metadata trailers = new Metadata();
        trailers.put(DETAILS_KEY, details.build());
        return Status.fromCode(CODES.get(e.reason())).withDescription(e.getMessage()).asRuntimeException(trailers);
    }

    /**
     * The API error a failed call stands for. Calls that failed before reaching the apiserver
     * (connection refused, deadline) carry no details and are classified by their code.
     */
    public static ApiException toApiException(Throwable t) {
        if (t instanceof ApiException e) {
            return e;
        }
        Status status = Status.fromThrowable(t);
        Metadata trailers = Status.trailersFromThrowable(t);
        ErrorDetails d = trailers == null ? null : trailers.get(DETAILS_KEY);
        if (d != null) {
            List<FieldError> causes = d.getCausesList().stream()
                    .map(c -> new FieldError(c.getField(), c.getMessage())).toList();
            return new ApiException(Reason.fromWireName(d.getReason()), d.getKind(), d.getName(), d.getMessage(), causes);
        }
        return new ApiException(reasonOf(status.getCode()), "", "", describe(status), List.of());
    }

    /** Whether a failed call carries the error model in its trailers, i.e. a jk8s server answered it. */
    public static boolean carriesDetails(Throwable t) {
        Metadata trailers = Status.trailersFromThrowable(t);
        return trailers != null && trailers.containsKey(DETAILS_KEY);
    }

    /** Whether the throwable is a gRPC failure (as opposed to a bug on this side). */
    public static boolean isGrpc(Throwable t) {
        return t instanceof StatusRuntimeException || t instanceof StatusException;
    }

    private static Reason reasonOf(Status.Code code) {
        return switch (code) {
            case UNAVAILABLE, CANCELLED -> Reason.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> Reason.TIMEOUT;
            case NOT_FOUND -> Reason.NOT_FOUND;
            case ALREADY_EXISTS -> Reason.ALREADY_EXISTS;
            case ABORTED -> Reason.CONFLICT;
            case INVALID_ARGUMENT -> Reason.BAD_REQUEST;
            case UNAUTHENTICATED -> Reason.UNAUTHORIZED;
            case PERMISSION_DENIED -> Reason.FORBIDDEN;
            case OUT_OF_RANGE -> Reason.EXPIRED;
            case RESOURCE_EXHAUSTED -> Reason.TOO_LARGE;
            default -> Reason.INTERNAL;
        };
    }

    private static String describe(Status status) {
        String d = status.getDescription();
        if (status.getCause() != null && status.getCause().getMessage() != null) {
            d = (d == null ? "" : d + ": ") + status.getCause().getMessage();
        }
        return d == null ? status.getCode().name() : d;
    }
}
