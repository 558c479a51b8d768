package dev.jk8s.kubelet.probe;

import dev.jk8s.api.IntOrString;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.ContainerPort;

/** Resolves a probe's port, given as a number or as the name of one of the container's ports. */
final class ProbePorts {

    private ProbePorts() {
    }

    /**
     * @throws IllegalArgumentException naming the port and container when no port has that name,
     *                                  or when a number is out of range
     */
    static int resolve(IntOrString port, Container container) {
        int number = port.isInt() ? port.intValue() : byName(port.stringValue(), container);
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("port " + number + " of container \"" + container.name()
                    + "\" is out of range: must be 1-65535");
        }
        return number;
    }

    private static int byName(String name, Container container) {
        return container.ports().stream()
                .filter(p -> name.equals(p.name()) && p.containerPort() != null)
                .mapToInt(ContainerPort::containerPort)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("container \"" + container.name()
                        + "\" has no port named \"" + name + "\"; name one of spec.containers[].ports or give a number"));
    }
}
