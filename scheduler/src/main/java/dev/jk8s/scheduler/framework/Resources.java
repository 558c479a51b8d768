package dev.jk8s.scheduler.framework;

import dev.jk8s.api.Quantity;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.ResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * An amount of cpu (millicores) and memory (bytes), and how Kubernetes computes a pod's requests:
 * the larger of the sum over app containers and the largest init container. Immutable.
 */
public record Resources(long milliCpu, long memory) {

    public static final Resources ZERO = new Resources(0, 0);
    /** What a container without a cpu request counts as when scoring (not when filtering), as in Kubernetes. */
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** What a container without a memory request counts as when scoring: 200Mi, as in Kubernetes. */
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    /** A pod's two sums; pods are immutable, so they hold as long as the pod object. */
    private record Memo(Pod pod, Resources requests, Resources nonZero) {
    }

    /**
     * The last pod asked about. A scheduling cycle asks for the same pod's requests once per node
     * and plugin (thousands of times); a race between threads only computes again.
     */
    private static volatile Memo last = new Memo(null, ZERO, ZERO);

    /** The pod's requests for fitting: a container without a request counts 0. */
    public static Resources requests(Pod pod) {
        return memo(pod).requests();
    }

    /** The pod's requests for scoring: a container without a request counts the defaults above. */
    public static Resources nonZeroRequests(Pod pod) {
        return memo(pod).nonZero();
    }

    private static Memo memo(Pod pod) {
        Memo m = last;
        if (m.pod() != pod) {
            m = new Memo(pod, of(pod, false), of(pod, true));
            last = m;
        }
        return m;
    }

    /** The node's allocatable cpu and memory; capacity stands in for a missing allocatable, as the apiserver defaults it. */
    public static Resources allocatable(Map<String, Quantity> allocatable, Map<String, Quantity> capacity) {
        Quantity cpu = allocatable.getOrDefault(ResourceRequirements.CPU, capacity.get(ResourceRequirements.CPU));
        Quantity mem = allocatable.getOrDefault(ResourceRequirements.MEMORY, capacity.get(ResourceRequirements.MEMORY));
        return new Resources(cpu == null ? 0 : cpu.millis(), mem == null ? 0 : mem.value());
    }

    private static Resources of(Pod pod, boolean nonZero) {
        Resources apps = sum(pod.spec().containers(), nonZero);
        Resources init = ZERO;
        for (Container c : pod.spec().initContainers()) {
            init = init.max(container(c, nonZero));
        }
        return apps.max(init);
    }

    private static Resources sum(List<Container> containers, boolean nonZero) {
        Resources total = ZERO;
        for (Container c : containers) {
            total = total.plus(container(c, nonZero));
        }
        return total;
    }

    private static Resources container(Container c, boolean nonZero) {
        Quantity cpu = c.resources().requests().get(ResourceRequirements.CPU);
        Quantity mem = c.resources().requests().get(ResourceRequirements.MEMORY);
        long cpuMillis = cpu != null ? cpu.millis() : nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0;
        long memBytes = mem != null ? mem.value() : nonZero ? DEFAULT_MEMORY_REQUEST : 0;
        return new Resources(cpuMillis, memBytes);
    }

    public Resources plus(Resources o) {
        return new Resources(milliCpu + o.milliCpu, memory + o.memory);
    }

    public Resources max(Resources o) {
        return new Resources(Math.max(milliCpu, o.milliCpu), Math.max(memory, o.memory));
    }
}
