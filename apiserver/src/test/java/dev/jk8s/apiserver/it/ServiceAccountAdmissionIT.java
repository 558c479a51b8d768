package dev.jk8s.apiserver.it;

import static dev.jk8s.apiserver.it.SecureCluster.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodSpec;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.api.core.VolumeMount;
import dev.jk8s.apiserver.auth.ServiceAccountAdmission;
import dev.jk8s.client.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pods run as a ServiceAccount and get its token mounted, with authentication on and a real etcd. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ServiceAccountAdmissionIT {

    @TempDir
    static Path dir;
    static SecureCluster cluster;
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        cluster = SecureCluster.start(dir, Map.of());
        admin = cluster.admin;
        admin.resource(Kinds.NAMESPACE).create(new Namespace(ObjectMeta.builder().name("team").build()));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Pod pod(String name, String account, Boolean automount) {
        return new Pod(ObjectMeta.builder().name(name).namespace("team").build(), PodSpec.builder()
                .containers(List.of(Container.of("app", "jk8s/busybox:1.0"))).serviceAccountName(account)
                .automountServiceAccountToken(automount).build());
    }

    @Test
    void aPodRunsAsItsAccountWithTheAccountsTokenMountedReadOnlyInEveryContainer() {
        assertRefused(() -> admin.resource(Kinds.POD).create(pod("early", null, null)), Reason.FORBIDDEN,
                "pods \"early\" is forbidden: error looking up service account team/default: serviceaccount \"default\" not found");
        ServiceAccount sa = admin.resource(Kinds.SERVICE_ACCOUNT).create(new ServiceAccount(ObjectMeta.builder().name("default")
                .namespace("team").build()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertRefused(() -> admin.resource(Kinds.POD).create(pod("early", null, null)),
                Reason.FORBIDDEN, "pods \"early\" is forbidden: no API token found for service account \"default\", retry after the"
                        + " token is automatically created and added to the service account"));
        admin.resource(Kinds.SECRET).create(new Secret(null, null, ObjectMeta.builder().name("default-token-bcdfg").namespace("team")
                .annotations(Map.of(Secret.SERVICE_ACCOUNT_NAME_KEY, "default", Secret.SERVICE_ACCOUNT_UID_KEY, sa.metadata().uid()))
                .build(), null, Map.of("token", "dG9rZW4="), null, Secret.SERVICE_ACCOUNT_TOKEN));

        Pod created = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> admin.resource(Kinds.POD).create(pod("web", null, null)), p -> p != null);

        assertThat(created.spec().serviceAccountName()).isEqualTo("default");
        assertThat(created.spec().volumes()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("default-token-bcdfg");
            assertThat(v.secret().secretName()).isEqualTo("default-token-bcdfg");
        });
        assertThat(created.spec().containers().get(0).volumeMounts())
                .containsExactly(new VolumeMount("default-token-bcdfg", true, ServiceAccountAdmission.MOUNT_PATH, null));
    }

    @Test
    void automountFalseOnThePodOrItsAccountMountsNothing() {
        admin.resource(Kinds.SERVICE_ACCOUNT).create(new ServiceAccount(null, null, ObjectMeta.builder().name("quiet")
                .namespace("team").build(), null, null, false));

        // the admission reads the account from the cache, which sees it a moment after the create
        Pod optedOut = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> admin.resource(Kinds.POD).create(pod("opted-out", "quiet", null)), p -> p != null);

        assertThat(optedOut.spec().serviceAccountName()).isEqualTo("quiet");
        assertThat(optedOut.spec().volumes()).isEmpty();
        assertThat(optedOut.spec().containers().get(0).volumeMounts()).isEmpty();
        assertRefused(() -> admin.resource(Kinds.POD).create(pod("ghost", "nobody", false)), Reason.FORBIDDEN,
                "pods \"ghost\" is forbidden: error looking up service account team/nobody: serviceaccount \"nobody\" not found");
    }
}
