package dev.jk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ListOptions;
import dev.jk8s.controllermanager.serviceaccount.TokenSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The serviceaccount and serviceaccount-token controllers with a real apiserver and etcd. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ServiceAccountIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    ControlPlane cluster;
    ApiClient client;

    @BeforeEach
    void start() throws Exception {
        cluster = new ControlPlane(0, "serviceaccount", "serviceaccount-token");
        client = cluster.client;
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Optional<ServiceAccount> serviceAccount(String namespace) {
        try {
            return Optional.of(client.resource(Kinds.SERVICE_ACCOUNT).get(namespace, "default"));
        } catch (ApiException e) {
            if (ApiException.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The token Secrets in {@code namespace}, found by the field selector the controller's informer uses. */
    private List<Secret> tokens(String namespace) {
        return client.resource(Kinds.SECRET).list(namespace, ListOptions.fields("type=" + TokenSecrets.TYPE)).items();
    }

    /**
     * The ServiceAccount {@code default} of {@code namespace} once it is settled: exactly one token
     * Secret, annotated with its uid, listed in its {@code secrets} and holding a token.
     */
    private Settled settled(String namespace) {
        Settled[] found = new Settled[1];
        await().atMost(WAIT).until(() -> {
            Optional<ServiceAccount> sa = serviceAccount(namespace);
            List<Secret> tokens = tokens(namespace);
            if (sa.isEmpty() || tokens.size() != 1) {
                return false;
            }
            Secret s = tokens.get(0);
            boolean ok = sa.get().metadata().uid().equals(TokenSecrets.serviceAccountUid(s))
                    && sa.get().secrets().stream().map(ObjectReference::name).toList().equals(List.of(s.metadata().name()));
            found[0] = ok ? new Settled(sa.get(), s, TokenSecrets.token(s).orElse("")) : null;
            return ok;
        });
        return found[0];
    }

    private record Settled(ServiceAccount sa, Secret secret, String token) {
    }

    @Test
    void everyNamespaceGetsADefaultServiceAccountWithATokenSecret() {
        client.resource(Kinds.NAMESPACE).create(new Namespace(ObjectMeta.builder().name("team").build()));

        Settled team = settled("team");

        assertThat(team.token()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(team.secret().metadata().name()).matches("default-token-[a-z0-9]{5}");
        assertThat(team.secret().metadata().annotations()).containsEntry(TokenSecrets.NAME_ANNOTATION, "default");
        assertThat(team.secret().metadata().controllerRef())
                .hasValueSatisfying(r -> assertThat(r.uid()).isEqualTo(team.sa().metadata().uid()));
        assertThat(team.secret().bytes(TokenSecrets.NAMESPACE)).hasValueSatisfying(b -> assertThat(new String(b, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("team"));
        for (String system : List.of("default", "kube-system", "kube-public")) {
            assertThat(settled(system).token()).isNotEmpty().isNotEqualTo(team.token());
        }
    }

    @Test
    void aDeletedTokenSecretComesBackWithANewToken() {
        Settled before = settled("default");

        client.resource(Kinds.SECRET).delete("default", before.secret().metadata().name());

        await().atMost(WAIT).until(() -> tokens("default").stream()
                .noneMatch(s -> s.metadata().name().equals(before.secret().metadata().name())));
        Settled after = settled("default");
        assertThat(after.secret().metadata().name()).isNotEqualTo(before.secret().metadata().name());
        assertThat(after.token()).isNotEmpty().isNotEqualTo(before.token());
        assertThat(after.sa().metadata().uid()).isEqualTo(before.sa().metadata().uid());
    }

    @Test
    void aDeletedServiceAccountComesBackAndTheOldTokenGoes() {
        Settled before = settled("default");

        client.resource(Kinds.SERVICE_ACCOUNT).delete("default", "default");

        await().atMost(WAIT).until(() -> serviceAccount("default")
                .filter(sa -> !sa.metadata().uid().equals(before.sa().metadata().uid())).isPresent());
        Settled after = settled("default"); // one token, of the new uid: the old one was deleted
        assertThat(after.sa().metadata().uid()).isNotEqualTo(before.sa().metadata().uid());
        assertThat(after.secret().metadata().name()).isNotEqualTo(before.secret().metadata().name());
        assertThat(after.token()).isNotEqualTo(before.token());
    }
}
