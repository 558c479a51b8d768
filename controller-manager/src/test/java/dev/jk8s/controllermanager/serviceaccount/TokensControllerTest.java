package dev.jk8s.controllermanager.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import dev.jk8s.testkit.ManualClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensControllerTest {

    final Indexer<ServiceAccount> serviceAccounts = new Indexer<>();
    final Indexer<Secret> secrets = new Indexer<>();
    final Indexer<Namespace> namespaces = new Indexer<>();
    final FakeApiWriter api = new FakeApiWriter();
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    final TokensController controller;

    TokensControllerTest() {
        TokensController.index(secrets);
        controller = new TokensController(serviceAccounts, secrets, namespaces, api, new SecureRandom(), CA, clock,
                new ControllerMetrics(), 1);
    }

    static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    final ServiceAccount sa = TokenSecretsTest.serviceAccount("team", "builder", "uid-1");

    /** The Secrets created, in order. */
    List<Secret> created() {
        return api.written.stream().filter(o -> o instanceof Secret).map(Secret.class::cast).toList();
    }

    /** The ServiceAccount as last written. */
    ServiceAccount lastUpdate() {
        return api.written.stream().filter(o -> o instanceof ServiceAccount).map(ServiceAccount.class::cast)
                .reduce((a, b) -> b).orElseThrow();
    }

    /** The informers deliver what was written: the Secret's add, the ServiceAccount's update. */
    void observe(Secret s) {
        secrets.put(s);
        controller.secretEvents().onAdd(s);
    }

    @Test
    void createsATokenSecretAndListsItInTheServiceAccountWithACompareAndSwapUpdate() {
        serviceAccounts.put(sa);

        controller.sync("team/builder");

        assertThat(api.actions).hasSize(2);
        assertThat(api.actions.get(0)).matches("create secrets team/builder-token-[a-z0-9]{5}");
        Secret s = created().get(0);
        assertThat(TokenSecrets.token(s)).hasValueSatisfying(t -> assertThat(t).hasSize(43));
        assertThat(s.metadata().annotations()).containsEntry(TokenSecrets.UID_ANNOTATION, "uid-1");
        assertThat(api.actions.get(1)).isEqualTo("update serviceaccounts team/builder");
        assertThat(lastUpdate().secrets()).extracting(ObjectReference::name).containsExactly(s.metadata().name());
        assertThat(lastUpdate().metadata().resourceVersion()).isEqualTo("7"); // the cached one: a stale write fails
    }

    @Test
    void aNewTokenSecretCarriesTheClusterCa() {
        serviceAccounts.put(sa);
        controller.sync("team/builder");
        assertThat(created().get(0).bytes(TokenSecrets.CA)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo(CA));
    }

    @Test
    void aTokenSecretMadeBeforeTheCaWasKnownGetsIt() {
        Secret old = TokenPlanTest.token("builder-token-hjklm", "uid-1");
        assertThat(old.data()).doesNotContainKey(TokenSecrets.CA);
        serviceAccounts.put(sa);
        secrets.put(old);

        controller.sync("team/builder");

        assertThat(api.actions).contains("update secrets team/builder-token-hjklm");
        assertThat(created()).filteredOn(x -> x.metadata().name().equals("builder-token-hjklm"))
                .singleElement().satisfies(x -> assertThat(x.bytes(TokenSecrets.CA)).isPresent());
    }

    @Test
    void waitsToSeeItsSecretBeforeActingOnTheServiceAccountAgain() {
        serviceAccounts.put(sa);
        controller.sync("team/builder");
        ServiceAccount updated = lastUpdate().withMetadata(sa.metadata().withResourceVersion("8"));
        serviceAccounts.put(updated);

        // The ServiceAccount's update arrives before the Secret: creating again would make a second token.
        controller.sync("team/builder");
        assertThat(created()).hasSize(1);
        assertThat(api.actions).hasSize(2);

        observe(created().get(0));
        controller.sync("team/builder");
        assertThat(api.actions).hasSize(2); // all in place
    }

    @Test
    void aDeletedTokenSecretIsReplacedByOneWithANewToken() {
        serviceAccounts.put(sa);
        controller.sync("team/builder");
        Secret first = created().get(0);
        observe(first);
        serviceAccounts.put(lastUpdate().withMetadata(sa.metadata().withResourceVersion("8")));

        secrets.remove(first);
        controller.secretEvents().onDelete(first);
        controller.sync("team/builder");

        Secret second = created().get(1);
        assertThat(second.metadata().name()).isNotEqualTo(first.metadata().name());
        assertThat(TokenSecrets.token(second)).isNotEqualTo(TokenSecrets.token(first));
        assertThat(lastUpdate().secrets()).extracting(ObjectReference::name).containsExactly(second.metadata().name());
    }

    @Test
    void tokensOfAGoneOrReplacedServiceAccountAreDeleted() {
        Secret ofOld = TokenPlanTest.token("builder-token-hjklm", "uid-0");
        secrets.put(ofOld);

        controller.sync("team/builder"); // the ServiceAccount is gone
        assertThat(api.actions).containsExactly("delete secrets team/builder-token-hjklm");

        serviceAccounts.put(sa); // made again: a new uid
        controller.sync("team/builder");
        assertThat(api.actions.get(1)).isEqualTo("delete secrets team/builder-token-hjklm");
        assertThat(api.actions.get(2)).startsWith("create secrets team/builder-token-");
    }

    @Test
    void anAlreadyDeletedSecretIsNoErrorAndNothingIsCreatedInATerminatingNamespace() {
        Namespace ns = ServiceAccountsControllerTest.deleting("team");
        namespaces.put(ns);
        serviceAccounts.put(sa);
        secrets.put(TokenPlanTest.token("builder-token-hjklm", "uid-0"));
        api.failing(a -> a.startsWith("delete") ? ApiException.notFound("secrets", "builder-token-hjklm") : null);

        controller.sync("team/builder");

        assertThat(api.actions).isEmpty();
    }

    @Test
    void aFailedCreateIsRetriedAtOnceByTheNextSync() {
        serviceAccounts.put(sa);
        api.failing(a -> a.startsWith("create") ? ApiException.alreadyExists("secrets", "builder-token-bcdfg") : null);
        assertThatThrownBy(() -> controller.sync("team/builder")).isInstanceOf(ApiException.class);

        api.failing(a -> null);
        controller.sync("team/builder"); // nothing awaited: it tries again, with another name
        assertThat(created()).hasSize(1);
    }

    @Test
    void aStaleServiceAccountIsLeftToItsComingEventButOtherUpdateFailuresAreRetried() {
        serviceAccounts.put(sa);
        api.failing(a -> a.startsWith("update") ? ApiException.conflict("serviceaccounts", "builder") : null);
        assertThat(controller.sync("team/builder")).isEmpty();
        observe(created().get(0));

        api.failing(a -> a.startsWith("update") ? ApiException.of(dev.jk8s.api.Reason.UNAVAILABLE, "etcd is down") : null);
        assertThatThrownBy(() -> controller.sync("team/builder")).hasMessage("etcd is down");
        assertThat(created()).hasSize(1); // the token exists: only the list is still to write
    }

    @Test
    void aSecretWakesTheServiceAccountItsAnnotationNames() {
        ControllerMetrics metrics = new ControllerMetrics();
        TokensController c = new TokensController(serviceAccounts, secrets, namespaces, api, new SecureRandom(), null, clock,
                metrics, 1);

        c.secretEvents().onDelete(new Secret(dev.jk8s.api.ObjectMeta.named("team", "plain"), java.util.Map.of()));
        assertThat(metrics.text()).contains("workqueue_depth{name=\"serviceaccount-token\"} 0.0");

        c.secretEvents().onDelete(TokenPlanTest.token("builder-token-hjklm", "uid-0"));
        assertThat(metrics.text()).contains("workqueue_depth{name=\"serviceaccount-token\"} 1.0");
        assertThat(Kinds.SECRET.resource()).isEqualTo("secrets");
    }
}
