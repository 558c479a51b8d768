package dev.jk8s.controllermanager.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenPlanTest {

    static final ServiceAccount SA = TokenSecretsTest.serviceAccount("team", "builder", "uid-1");
    static final ServiceAccount DELETING = SA.withMetadata(SA.metadata().toBuilder()
            .deletionTimestamp(Instant.parse("2026-12-04T10:00:00Z")).build());

    /** A token Secret of {@code builder} annotated with {@code uid} (null: no uid annotation, written by hand). */
    static Secret token(String name, String uid) {
        ObjectMeta meta = ObjectMeta.named("team", name).withAnnotation(TokenSecrets.NAME_ANNOTATION, "builder")
                .withAnnotation(TokenSecrets.UID_ANNOTATION, uid);
        return new Secret(null, null, meta.toBuilder().uid("secret-uid-" + name).build(), null, Map.of(), null,
                TokenSecrets.TYPE);
    }

    static Secret terminating(Secret s) {
        return s.withMetadata(s.metadata().toBuilder().deletionTimestamp(Instant.parse("2026-12-04T10:00:00Z")).build());
    }

    static Stream<Arguments> plans() {
        Secret mine = token("builder-token-bcdfg", "uid-1");
        Secret older = token("builder-token-hjklm", "uid-0");
        Secret byHand = token("builder-by-hand", null);
        return Stream.of(
                // name, sa, tokens, namespace terminating, current, create, delete
                Arguments.of("no token yet", SA, List.of(), false, List.of(), true, List.of()),
                Arguments.of("its token exists", SA, List.of(mine), false, List.of(mine), false, List.of()),
                Arguments.of("a previous namesake's token", SA, List.of(older), false, List.of(), true, List.of(older)),
                Arguments.of("both", SA, List.of(mine, older), false, List.of(mine), false, List.of(older)),
                Arguments.of("its token is being deleted", SA, List.of(terminating(mine)), false, List.of(), true, List.of()),
                Arguments.of("written by hand: left alone", SA, List.of(byHand), false, List.of(), true, List.of()),
                Arguments.of("namespace terminating", SA, List.of(older), true, List.of(), false, List.of(older)),
                Arguments.of("service account terminating", DELETING, List.of(), false, List.of(), false, List.of()),
                Arguments.of("service account gone", null, List.of(mine, older, byHand), false, List.of(), false,
                        List.of(mine, older)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void decidesWhatToCreateAndDelete(String name, ServiceAccount sa, List<Secret> tokens, boolean nsTerminating,
                                      List<Secret> current, boolean create, List<Secret> delete) {
        TokenPlan plan = TokenPlan.of(sa, tokens, nsTerminating);

        assertThat(plan.current()).isEqualTo(current);
        assertThat(plan.create()).isEqualTo(create);
        assertThat(plan.delete()).isEqualTo(delete);
    }

    static ObjectReference ref(String name) {
        return new ObjectReference(null, null, name, null, null, null, null);
    }

    static Stream<Arguments> references() {
        return Stream.of(
                // name, secrets listed, current tokens, new secrets (empty: unchanged)
                Arguments.of("adds the new token", List.of(), List.of("builder-token-bcdfg"),
                        Optional.of(List.of(ref("builder-token-bcdfg")))),
                Arguments.of("already listed", List.of(ref("builder-token-bcdfg")), List.of("builder-token-bcdfg"),
                        Optional.empty()),
                Arguments.of("replaces a token that is gone", List.of(ref("registry"), ref("builder-token-bcdfg")),
                        List.of("builder-token-hjklm"), Optional.of(List.of(ref("registry"), ref("builder-token-hjklm")))),
                Arguments.of("keeps a user's secrets", List.of(ref("registry")), List.of(),
                        Optional.empty()),
                Arguments.of("drops a token that is gone", List.of(ref("builder-token-bcdfg")), List.of(),
                        Optional.of(List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void listsTheCurrentTokensAndForgetsTheGoneOnes(String name, List<ObjectReference> listed, List<String> tokens,
                                                    Optional<List<ObjectReference>> expected) {
        assertThat(TokenPlan.references(SA.withSecrets(listed), tokens)).isEqualTo(expected);
    }
}
