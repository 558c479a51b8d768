package dev.jk8s.kubelet.node;

import dev.jk8s.api.BuildInfo;
import dev.jk8s.api.core.NodeSystemInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Facts about the machine the kubelet runs on, read once per process (hollow nodes share them). */
final class HostInfo {

    private static final Path OS_RELEASE = Path.of("/etc/os-release");

    private static volatile NodeSystemInfo system;

    private HostInfo() {
    }

    /** Kernel, OS image, kubelet version, {@code linux} and the architecture, as a Node reports them. */
    static NodeSystemInfo system() {
        NodeSystemInfo s = system;
        if (s == null) {
            s = new NodeSystemInfo(System.getProperty("os.version"), osImage(), null, BuildInfo.version(),
                    System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT), architecture());
            system = s;
        }
        return s;
    }

    /** The architecture in Go's spelling, as Kubernetes labels nodes: amd64, arm64... */
    static String architecture() {
        String arch = System.getProperty("os.arch", "unknown");
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
    }

    static long memoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** {@code PRETTY_NAME} of /etc/os-release, e.g. "Debian GNU/Linux 12 (bookworm)". */
    private static String osImage() {
        try {
            for (String line : Files.readAllLines(OS_RELEASE)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // not every system has it: fall back to the JVM's idea
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
