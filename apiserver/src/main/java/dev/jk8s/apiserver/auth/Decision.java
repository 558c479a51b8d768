package dev.jk8s.apiserver.auth;

/**
 * An authorizer's answer: allow, deny, or no opinion (let the next authorizer decide; when none
 * allows, the request is forbidden). {@code reason} is shown to the user after a denial, so it
 * never contains anything secret. Immutable.
 */
public record Decision(Verdict verdict, String reason) {

    public enum Verdict { ALLOW, DENY, NO_OPINION }

    public static final Decision NO_OPINION = new Decision(Verdict.NO_OPINION, "");

    public static Decision allow(String reason) {
        return new Decision(Verdict.ALLOW, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(Verdict.DENY, reason);
    }

    /** No opinion, with a reason to show if nobody else allows either. */
    public static Decision noOpinion(String reason) {
        return new Decision(Verdict.NO_OPINION, reason);
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }
}
