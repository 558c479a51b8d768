package dev.jk8s.controllermanager.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenSecretsTest {

    final SecureRandom random = new SecureRandom();

    static ServiceAccount serviceAccount(String namespace, String name, String uid) {
        return new ServiceAccount(ObjectMeta.named(namespace, name).toBuilder().uid(uid).resourceVersion("7").build());
    }

    @Test
    void aTokenSecretIsAnnotatedControlledAndHoldsAFreshTokenAndTheNamespaceInBase64() {
        ServiceAccount sa = serviceAccount("team", "builder", "sa-uid");
        String token = TokenSecrets.newToken(random);

        Secret s = TokenSecrets.of(sa, "builder-token-bcdfg", token, null);

        assertThat(s.type()).isEqualTo("kubernetes.io/service-account-token");
        assertThat(s.metadata().namespace()).isEqualTo("team");
        assertThat(s.metadata().annotations()).isEqualTo(Map.of("kubernetes.io/service-account.name", "builder",
                "kubernetes.io/service-account.uid", "sa-uid"));
        assertThat(s.metadata().controllerRef()).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo("ServiceAccount");
            assertThat(r.name()).isEqualTo("builder");
            assertThat(r.uid()).isEqualTo("sa-uid");
        });
        // data is base64 of the values, as kubelet's volumes and env read it back
        assertThat(new String(s.bytes("namespace").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("team");
        assertThat(TokenSecrets.token(s)).hasValue(token);
        assertThat(Kinds.SECRET.validator().validate(s)).isEmpty();
        assertThat(TokenSecrets.serviceAccountKey(s)).hasValue("team/builder");
    }

    @Test
    void aTokenIs32RandomBytesInBase64UrlWithoutPadding() {
        String a = TokenSecrets.newToken(random);
        String b = TokenSecrets.newToken(random);

        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
        assertThat(Base64.getUrlDecoder().decode(a)).hasSize(32);
    }

    @Test
    void namesAreThePrefixAndFiveCharactersAndCutLikeKubernetes() {
        assertThat(TokenSecrets.newName("default", random)).matches("default-token-[a-z0-9]{5}");
        String longName = "a".repeat(100);
        String cut = TokenSecrets.newName(longName, random);
        assertThat(cut).hasSize(63).startsWith("a".repeat(58));
        assertThat(TokenSecrets.isGeneratedName(longName, cut)).isTrue();
    }

    static Stream<Arguments> generatedNames() {
        return Stream.of(
                Arguments.of("default-token-bcdfg", true),
                Arguments.of("default-token-bcdf", false),
                Arguments.of("default-token-bcdfgh", false),
                Arguments.of("default-token-ABCDE", false),
                Arguments.of("other-token-bcdfg", false),
                Arguments.of("registry-credentials", false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("generatedNames")
    void recognisesTheNamesItGives(String name, boolean generated) {
        assertThat(TokenSecrets.isGeneratedName("default", name)).isEqualTo(generated);
    }

    @Test
    void onlyATypedAnnotatedSecretBelongsToAServiceAccount() {
        Secret opaque = new Secret(ObjectMeta.named("team", "x").withAnnotation(TokenSecrets.NAME_ANNOTATION, "builder"), Map.of());
        Secret unannotated = new Secret(null, null, ObjectMeta.named("team", "y"), null, Map.of(), null, TokenSecrets.TYPE);

        assertThat(TokenSecrets.serviceAccountKey(opaque)).isEmpty();
        assertThat(TokenSecrets.serviceAccountKey(unannotated)).isEmpty();
    }
}
