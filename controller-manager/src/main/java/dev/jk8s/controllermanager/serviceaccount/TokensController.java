package dev.jk8s.controllermanager.serviceaccount;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectReference;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.ServiceAccount;
import dev.jk8s.client.DeleteOptions;
import dev.jk8s.client.ListOptions;
import dev.jk8s.client.informer.Indexer;
import dev.jk8s.client.informer.Keys;
import dev.jk8s.client.informer.ResourceEventHandler;
import dev.jk8s.client.informer.SharedInformer;
import dev.jk8s.controllermanager.controller.ApiWriter;
import dev.jk8s.controllermanager.controller.Controller;
import dev.jk8s.controllermanager.controller.ControllerContext;
import dev.jk8s.controllermanager.controller.ControllerMetrics;
import dev.jk8s.controllermanager.controller.Expectations;
import dev.jk8s.controllermanager.controller.Namespaces;
import dev.jk8s.controllermanager.controller.ReconcileLoop;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every ServiceAccount a token Secret ({@link TokenSecrets}), as Kubernetes' legacy
 * TokensController does, and lists it in the ServiceAccount's {@code secrets}. The key is the
 * ServiceAccount's {@code namespace/name}. {@link #sync} is level-triggered and safe to repeat:
 * it deletes the token Secrets {@link TokenPlan} condemns (with their uid as precondition), creates
 * one with a fresh token when none is current, and writes the ServiceAccount's {@code secrets}
 * with a compare-and-swap update when they differ. After a create it does nothing for that key
 * until the new Secret is in its cache ({@link Expectations}), so that a burst of events never
 * creates two. It writes only Secrets of type {@value TokenSecrets#TYPE} and the {@code secrets}
 * of ServiceAccounts. Thread-safe.
 */
public final class TokensController implements Controller {

    public static final String NAME = "serviceaccount-token";
    /** The secrets cache's index: {@code namespace/serviceaccount} → its token Secrets. */
    static final String BY_SERVICE_ACCOUNT = "serviceaccount";
    private static final Logger LOG = LoggerFactory.getLogger(TokensController.class);

    private final Indexer<ServiceAccount> serviceAccounts;
    private final Indexer<Secret> secrets;
    private final Indexer<Namespace> namespaces;
    private final ApiWriter api;
    private final SecureRandom random;
    private final String rootCa;
    private final Expectations expectations;
    private final ReconcileLoop loop;

    /** {@code secrets} must have the index {@link #BY_SERVICE_ACCOUNT} ({@link #index}). */
    TokensController(Indexer<ServiceAccount> serviceAccounts, Indexer<Secret> secrets, Indexer<Namespace> namespaces,
                     ApiWriter api, SecureRandom random, String rootCa, Clock clock, ControllerMetrics metrics, int workers) {
        this.rootCa = rootCa;
        this.serviceAccounts = serviceAccounts;
        this.secrets = secrets;
        this.namespaces = namespaces;
        this.api = api;
        this.random = random;
        this.expectations = new Expectations(clock, Duration.ofMinutes(5));
        this.loop = new ReconcileLoop(NAME, this::sync, metrics, workers);
    }

    /**
     * The controller of the process: informers' handlers registered, workers not yet started. It
     * watches only Secrets of type {@value TokenSecrets#TYPE} (a field selector), as Kubernetes' does.
     */
    public static TokensController create(ControllerContext ctx) {
        SharedInformer<ServiceAccount> saInformer = ctx.informers().informer(Kinds.SERVICE_ACCOUNT);
        SharedInformer<Secret> secretInformer = ctx.informers().informer(Kinds.SECRET, null,
                ListOptions.fields("type=" + TokenSecrets.TYPE));
        SharedInformer<Namespace> nsInformer = ctx.informers().informer(Kinds.NAMESPACE);
        index(secretInformer.indexer());
        TokensController c = new TokensController(saInformer.indexer(), secretInformer.indexer(), nsInformer.indexer(),
                ctx.api(), new SecureRandom(), ctx.options().rootCa(), ctx.clock(), ctx.metrics(), ctx.workers());
        saInformer.addEventHandler(c.serviceAccountEvents());
        secretInformer.addEventHandler(c.secretEvents());
        return c;
    }

    /** Adds the index {@link #BY_SERVICE_ACCOUNT} to a secrets cache. */
    static void index(Indexer<Secret> secrets) {
        secrets.addIndex(BY_SERVICE_ACCOUNT, s -> TokenSecrets.serviceAccountKey(s).map(List::of).orElse(List.of()));
    }

    @Override
    public ReconcileLoop loop() {
        return loop;
    }

    /** Any change of a ServiceAccount is looked at; a deleted one's tokens go, so nothing is awaited for it. */
    ResourceEventHandler<ServiceAccount> serviceAccountEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ServiceAccount sa) {
                loop.enqueue(Keys.of(sa));
            }

            @Override
            public void onUpdate(ServiceAccount old, ServiceAccount sa) {
                loop.enqueue(Keys.of(sa));
            }

            @Override
            public void onDelete(ServiceAccount sa) {
                expectations.forget(Keys.of(sa));
                loop.enqueue(Keys.of(sa));
            }
        };
    }

    /** A token Secret's change wakes the ServiceAccount its annotation names; its appearance was expected. */
    ResourceEventHandler<Secret> secretEvents() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret s) {
                TokenSecrets.serviceAccountKey(s).ifPresent(key -> {
                    expectations.creationObserved(key);
                    loop.enqueue(key);
                });
            }

            @Override
            public void onUpdate(Secret old, Secret s) {
                TokenSecrets.serviceAccountKey(old).ifPresent(loop::enqueue);
                TokenSecrets.serviceAccountKey(s).ifPresent(loop::enqueue);
            }

            @Override
            public void onDelete(Secret s) {
                TokenSecrets.serviceAccountKey(s).ifPresent(loop::enqueue);
            }
        };
    }

    /** Converges one ServiceAccount's token Secrets and its {@code secrets}. */
    Optional<Duration> sync(String key) {
        if (!expectations.satisfied(key)) {
            return Optional.empty(); // the Secret created last is not cached yet; its arrival brings the key back
        }
        ServiceAccount sa = serviceAccounts.get(key).orElse(null);
        TokenPlan plan = TokenPlan.of(sa, secrets.byIndex(BY_SERVICE_ACCOUNT, key), namespaceTerminating(key));
        plan.delete().forEach(s -> delete(key, s));
        if (sa == null) {
            expectations.forget(key);
            return Optional.empty();
        }
        plan.current().forEach(s -> TokenSecrets.withCa(s, rootCa).ifPresent(updated -> addCa(key, updated)));
        List<String> tokens = new ArrayList<>(plan.current().stream().map(s -> s.metadata().name()).toList());
        if (plan.create()) {
            tokens.add(createToken(key, sa));
        }
        TokenPlan.references(sa, tokens).ifPresent(refs -> updateReferences(key, sa, refs));
        return Optional.empty();
    }

    /**
     * Compare-and-swap on the cached resourceVersion. A Conflict means the cache is behind a newer
     * ServiceAccount (often the one this controller wrote a moment ago), whose event will bring the
     * key back: nothing to retry now.
     */
    private void updateReferences(String key, ServiceAccount sa, List<ObjectReference> refs) {
        try {
            api.update(Kinds.SERVICE_ACCOUNT, sa.withSecrets(refs));
            LOG.info("{}: secrets now {}", key, refs.stream().map(ObjectReference::name).toList());
        } catch (ApiException e) {
            if (!ApiException.isConflict(e)) {
                throw e;
            }
            LOG.debug("{}: ServiceAccount changed meanwhile; its event brings it back", key);
        }
    }

    /** Only a namespace known to be terminating stops creation: one not cached yet may simply lag behind. */
    private boolean namespaceTerminating(String key) {
        return namespaces.get(Keys.namespace(key)).map(Namespaces::isTerminating).orElse(false);
    }

    /** A token Secret from before the CA was known gets it; a Conflict means a newer one is on its way. */
    private void addCa(String key, Secret updated) {
        try {
            api.update(Kinds.SECRET, updated);
            LOG.info("{}: added ca.crt to token secret {}", key, updated.metadata().name());
        } catch (ApiException e) {
            if (!ApiException.isConflict(e)) {
                throw e;
            }
        }
    }

    /** Creates a token Secret with a fresh name and token; returns its name. A name taken fails, to retry with another. */
    private String createToken(String key, ServiceAccount sa) {
        Secret secret = TokenSecrets.of(sa, TokenSecrets.newName(sa.metadata().name(), random),
                TokenSecrets.newToken(random), rootCa);
        expectations.expectCreations(key, 1);
        try {
            api.create(Kinds.SECRET, secret);
        } catch (ApiException e) {
            expectations.creationObserved(key); // it will never be seen
            throw e;
        }
        LOG.info("{}: created token secret {}", key, secret.metadata().name());
        return secret.metadata().name();
    }

    private void delete(String key, Secret s) {
        try {
            api.delete(Kinds.SECRET, s.metadata().namespace(), s.metadata().name(),
                    DeleteOptions.DEFAULT.withPreconditions(s.metadata().uid(), 0));
            LOG.info("{}: deleted token secret {} of ServiceAccount uid {}", key, s.metadata().name(),
                    TokenSecrets.serviceAccountUid(s));
        } catch (ApiException e) {
            if (!ApiException.isNotFound(e)) {
                throw e;
            }
        }
    }
}
