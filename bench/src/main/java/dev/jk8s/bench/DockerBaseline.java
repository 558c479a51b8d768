package dev.jk8s.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The baselines, through the docker command line as a user would type it, each command timed
 * until it returns (with {@code -d}, when the container runs):
 *
 * <ul>
 *   <li>{@link #bare}: {@code docker run -d IMAGE sleep 3600}, nothing else;
 *   <li>{@link #podEquivalent}: what the kubelet asks of Docker for a one-container pod, by hand:
 *       the sandbox ({@code --init --ipc shareable --hostname NAME}, bridge network), then the app
 *       joining its network and IPC namespaces ({@code --init --network container:ID --ipc
 *       container:ID}), timed together.
 * </ul>
 *
 * Every container carries {@code jk8s.dev/managed=true}, the run's {@code jk8s.dev/bench} label
 * and its name and role ({@code jk8s.dev/bench-pod}, {@code jk8s.dev/bench-container}: POD or
 * app) so that {@link DockerEvents} can place it. Thread-safe.
 */
final class DockerBaseline implements PodStarter {

    static final String POD_LABEL = "jk8s.dev/bench-pod";
    static final String CONTAINER_LABEL = "jk8s.dev/bench-container";

    private final String label;
    private final boolean withSandbox;
    private final String runLabel;
    private final String sandboxImage;
    private final String image;

    private DockerBaseline(String label, boolean withSandbox, String runLabel, String sandboxImage, String image) {
        this.label = label;
        this.withSandbox = withSandbox;
        this.runLabel = runLabel;
        this.sandboxImage = sandboxImage;
        this.image = image;
    }

    static DockerBaseline bare(String runLabel, String image) {
        return new DockerBaseline("bare docker run", false, runLabel, null, image);
    }

    static DockerBaseline podEquivalent(String runLabel, String sandboxImage, String image) {
        return new DockerBaseline("pod-equivalent (2 docker runs)", true, runLabel, sandboxImage, image);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Sample start(String name) {
        long calledAt = PodStarter.wallNanos();
        long t0 = System.nanoTime();
        if (withSandbox) {
            String sandbox = DockerCli.run(run(name, "POD", List.of("--init", "--ipc", "shareable", "--hostname", name),
                    sandboxImage, List.of()));
            String joined = "container:" + sandbox;
            DockerCli.run(run(name, "app", List.of("--init", "--network", joined, "--ipc", joined), image, List.of("sleep", "3600")));
        } else {
            DockerCli.run(run(name, "app", List.of(), image, List.of("sleep", "3600")));
        }
        long nanos = System.nanoTime() - t0;
        return new Sample(name, nanos, calledAt, 0, PodStarter.wallNanos());
    }

    private List<String> run(String pod, String role, List<String> options, String img, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("run", "-d", "--label", "jk8s.dev/managed=true", "--label", runLabel,
                "--label", POD_LABEL + "=" + pod, "--label", CONTAINER_LABEL + "=" + role));
        cmd.addAll(options);
        cmd.add(img);
        cmd.addAll(args);
        return cmd;
    }

    @Override
    public void removeAll() {
        DockerCli.removeLabelled(runLabel);
    }
}
