package dev.jk8s.controllermanager.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.Reason;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.NamespaceStatus;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.FakeApiWriter;
import dev.jk8s.testkit.TestObjects;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceAccountsControllerTest {

    final Indexer<Namespace> namespaces = new Indexer<>();
    final Indexer<ServiceAccount> serviceAccounts = new Indexer<>();
    final FakeApiWriter api = new FakeApiWriter();
    final ControllerMetrics metrics = new ControllerMetrics();
    final ServiceAccountsController controller = new ServiceAccountsController(namespaces, serviceAccounts, api, metrics, 1);

    static Namespace namespace(String name) {
        return TestObjects.of(Kinds.NAMESPACE, name);
    }

    static Namespace deleting(String name) {
        Namespace ns = namespace(name);
        return ns.withMetadata(ns.metadata().toBuilder().deletionTimestamp(Instant.parse("2026-12-04T10:00:00Z")).build())
                .withStatus(new NamespaceStatus(NamespaceStatus.TERMINATING));
    }

    static Stream<Arguments> decisions() {
        Namespace active = namespace("team");
        Namespace phaseOnly = active.withStatus(new NamespaceStatus(NamespaceStatus.TERMINATING));
        return Stream.of(
                Arguments.of("active without default", active, false, true),
                Arguments.of("active with default", active, true, false),
                Arguments.of("deleted", deleting("team"), false, false),
                Arguments.of("phase Terminating only", phaseOnly, false, false),
                Arguments.of("not in the cache", null, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void aNamespaceNeedsItsDefaultOnlyWhenActiveAndWithoutOne(String name, Namespace ns, boolean hasDefault, boolean needs) {
        assertThat(ServiceAccountsController.needsDefault(ns, hasDefault)).isEqualTo(needs);
    }

    @Test
    void createsTheDefaultServiceAccountOfANewNamespace() {
        namespaces.put(namespace("team"));

        controller.sync("team");

        assertThat(api.actions).containsExactly("create serviceaccounts team/default");
        ServiceAccount sa = (ServiceAccount) api.written.get(0);
        assertThat(sa.metadata().name()).isEqualTo("default");
        assertThat(sa.metadata().namespace()).isEqualTo("team");
    }

    @Test
    void leavesAnExistingDefaultAloneAndOtherServiceAccountsDoNotCount() {
        namespaces.put(namespace("team"));
        namespaces.put(namespace("other"));
        serviceAccounts.put(new ServiceAccount(ObjectMeta.named("team", "default")));
        serviceAccounts.put(new ServiceAccount(ObjectMeta.named("other", "builder")));

        controller.sync("team");
        controller.sync("other");

        assertThat(api.actions).containsExactly("create serviceaccounts other/default");
    }

    @Test
    void createsNothingInATerminatingOrUnknownNamespace() {
        namespaces.put(deleting("old"));

        controller.sync("old");
        controller.sync("gone");

        assertThat(api.actions).isEmpty();
    }

    @Test
    void alreadyExistsIsSuccessAndOtherErrorsAreRetried() {
        namespaces.put(namespace("team"));
        api.failing(a -> ApiException.alreadyExists("serviceaccounts", "default"));
        assertThat(controller.sync("team")).isEmpty();

        api.failing(a -> ApiException.of(Reason.UNAVAILABLE, "etcd is down"));
        assertThatThrownBy(() -> controller.sync("team")).isInstanceOf(ApiException.class).hasMessage("etcd is down");
    }

    @Test
    void aDeletedDefaultWakesItsNamespaceButOtherDeletionsDoNot() {
        controller.serviceAccountEvents().onDelete(new ServiceAccount(ObjectMeta.named("team", "builder")));
        assertThat(queued()).isZero();

        controller.serviceAccountEvents().onDelete(new ServiceAccount(ObjectMeta.named("team", "default")));
        controller.namespaceEvents().onAdd(namespace("team"));
        assertThat(queued()).isOne(); // one key: the namespace
    }

    private long queued() {
        return metrics.text().lines().filter(l -> l.startsWith("workqueue_depth{name=\"serviceaccount\"}"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
