package dev.jk8s.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.apiserver.storage.StorageException;
import dev.jk8s.apiserver.storage.Store;
import dev.jk8s.apiserver.storage.internal.EtcdStore;
import dev.jk8s.testkit.EtcdServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The etcd store under concurrency, where writes are committed in groups: every write keeps its
 * own compare-and-swap guard, so a group never writes what a write alone would not have.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EtcdStoreIT {

    static EtcdServer etcd;
    static EtcdStore store;
    static final ExecutorService pool = Executors.newFixedThreadPool(16);

    @BeforeAll
    static void start() {
        etcd = new EtcdServer().start();
        store = new EtcdStore(etcd.endpoint(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        store.close();
        etcd.close();
    }

    @Test
    void concurrentCreatesOfOneKeyLeaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "/test/same/" + round;
            List<Boolean> won = race(16, i -> {
                store.create(key, bytes("writer-" + i));
                return true;
            }, StorageException.Code.KEY_EXISTS);
            assertThat(won).containsOnlyOnce(true);
        }
    }

    @Test
    void concurrentCompareAndSwapsOnOneRevisionLeaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "/test/cas/" + round;
            long rev = store.create(key, bytes("v0"));
            List<Boolean> won = race(16, i -> {
                store.update(key, bytes("writer-" + i), rev);
                return true;
            }, StorageException.Code.CONFLICT);
            assertThat(won).containsOnlyOnce(true);
            assertThat(store.get(key).orElseThrow().modRevision()).isGreaterThan(rev);
        }
    }

    @Test
    void aFailingWriteDoesNotTakeTheOthersOfItsGroupDown() throws Exception {
        store.create("/test/taken", bytes("x"));
        Map<String, Long> revisions = new ConcurrentHashMap<>();
        List<Boolean> results = race(16, i -> {
            String key = i == 0 ? "/test/taken" : "/test/free/" + i;
            revisions.put(key, store.create(key, bytes("v")));
            return true;
        }, StorageException.Code.KEY_EXISTS);
        assertThat(results).containsOnlyOnce(false);
        assertThat(revisions).hasSize(15).doesNotContainKey("/test/taken");
        revisions.forEach((key, rev) -> assertThat(store.get(key).orElseThrow().modRevision()).isEqualTo(rev));
    }

    @Test
    void manyConcurrentCreatesAllLandInSharedTransactionsAndAListAtTheEndSeesThemAll() throws Exception {
        Set<Long> revisions = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    revisions.add(store.create("/test/many/" + thread + "-" + i, bytes("v")));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        int seen = 0;
        Store.Page page = store.list("/test/many/", null, 0, 500);
        while (true) {
            seen += page.items().size();
            if (!page.more()) {
                break;
            }
            page = store.list("/test/many/", page.items().get(page.items().size() - 1).key() + "\0", page.revision(), 500);
        }
        assertThat(seen).isEqualTo(1600);
        // 16 writers and one transaction in flight at a time: creates were committed in groups
        assertThat(revisions).hasSizeLessThan(1600);
    }

    /** Runs {@code n} writers released together; true for each that succeeded, false for each refused with {@code expected}. */
    private static List<Boolean> race(int n, IndexedCall call, StorageException.Code expected) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit((Callable<Boolean>) () -> {
                go.await();
                try {
                    return call.run(index);
                } catch (StorageException e) {
                    assertThat(e.code()).isEqualTo(expected);
                    return false;
                }
            }));
        }
        go.countDown();
        List<Boolean> out = new ArrayList<>();
        for (Future<Boolean> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    interface IndexedCall {
        boolean run(int index);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
