package dev.jk8s.controllermanager.serviceaccount;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.controllermanager.controller.ApiWriter;
import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.controller.ControllerContext;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.Namespaces;
import dev.jk8s.controllermanager.controller.ReconcileLoop;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every namespace that is not terminating a ServiceAccount named {@value #DEFAULT}, as
 * Kubernetes' ServiceAccountsController does: created when the namespace appears, recreated
 * when it is deleted. The key is the namespace's name. {@link #sync} is level-triggered and safe
 * to repeat: it only creates, and AlreadyExists (another sync, or the caches lagging behind the
 * apiserver) counts as success. It writes only ServiceAccounts named {@value #DEFAULT}, and never
 * updates or deletes one. Thread-safe.
 */
public final class ServiceAccountsController implements Controller {

    public static final String NAME = "serviceaccount";
    /** The ServiceAccount every namespace gets, and that pods without {@code serviceAccountName} run as. */
    public static final String DEFAULT = "default";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountsController.class);

    private final Indexer<Namespace> namespaces;
    private final Indexer<ServiceAccount> serviceAccounts;
    private final ApiWriter api;
    private final ReconcileLoop loop;

    ServiceAccountsController(Indexer<Namespace> namespaces, Indexer<ServiceAccount> serviceAccounts, ApiWriter api,
                              ControllerMetrics metrics, int workers) {
        this.namespaces = namespaces;
        this.serviceAccounts = serviceAccounts;
        this.api = api;
        this.loop = new ReconcileLoop(NAME, this::sync, metrics, workers);
    }

    /** The controller of the process: informers' handlers registered, workers not yet started. */
    public static ServiceAccountsController create(ControllerContext ctx) {
        SharedInformer<Namespace> nsInformer = ctx.informers().informer(Kinds.NAMESPACE);
        SharedInformer<ServiceAccount> saInformer = ctx.informers().informer(Kinds.SERVICE_ACCOUNT);
        ServiceAccountsController c = new ServiceAccountsController(nsInformer.indexer(), saInformer.indexer(),
                ctx.api(), ctx.metrics(), ctx.workers());
        nsInformer.addEventHandler(c.namespaceEvents());
        saInformer.addEventHandler(c.serviceAccountEvents());
        return c;
    }

    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    /** A namespace that appears or changes is looked at; a deleted one has nothing left to do. */
    ResourceEventHandler<Namespace> namespaceEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                loop.enqueue(ns.metadata().name());
            }

            @Override
            public void onUpdate(Namespace old, Namespace ns) {
                loop.enqueue(ns.metadata().name());
            }
        };
    }

    /** A deleted {@value #DEFAULT} ServiceAccount wakes its namespace, to be recreated. */
    ResourceEventHandler<ServiceAccount> serviceAccountEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onDelete(ServiceAccount sa) {
                if (DEFAULT.equals(sa.metadata().name())) {
                    loop.enqueue(sa.metadata().namespace());
                }
            }
        };
    }

    /** Whether {@code ns} (null: not in the cache) should get its {@value #DEFAULT} ServiceAccount now. Pure. */
    static boolean needsDefault(Namespace ns, boolean hasDefault) {
        return ns != null && !Namespaces.isTerminating(ns) && !hasDefault;
    }

    /** Converges one namespace (the key is its name). */
    Optional<Duration> sync(String namespace) {
        Namespace ns = namespaces.get(namespace).orElse(null);
        if (!needsDefault(ns, serviceAccounts.get(namespace, DEFAULT).isPresent())) {
            return Optional.empty();
        }
        try {
            api.create(Kinds.SERVICE_ACCOUNT, new ServiceAccount(ObjectMeta.named(namespace, DEFAULT)));
            LOG.info("{}: created ServiceAccount {}", namespace, DEFAULT);
        } catch (ApiException e) {
            if (!ApiException.isAlreadyExists(e)) {
                throw e; // retried with back-off; a namespace that became terminating meanwhile stops the retries
            }
        }
        return Optional.empty();
    }
}
