package dev.jk8s.kubelet.pod;

import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.Pod;
import dev.jk8s.kubelet.runtime.ContainerRuntime;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;

/**
 * Kubernetes' imagePullPolicy: Never (the image must be on the node), IfNotPresent (pull only when
 * absent), Always (always pull). By default nothing is pulled from a registry off this host:
 * a node sends no traffic off the host, registries included. So that manifests written for
 * Kubernetes run unchanged ({@code image: nginx} means Always), Always then uses an image already
 * on the node, saying so in the event, instead of failing a pull that cannot happen here.
 */
final class ImagePuller {

    private final ContainerRuntime runtime;
    private final PodApi api;
    private final boolean remotePulls;

    ImagePuller(ContainerRuntime runtime, PodApi api, boolean remotePulls) {
        this.runtime = runtime;
        this.api = api;
        this.remotePulls = remotePulls;
    }

    /** Why a container's image is not there to run: the waiting reason and message its status shows. */
    static final class ImageFailure extends RuntimeException {
        final String reason;

        ImageFailure(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /**
     * Makes sure the container's image is on the node, as its policy says.
     *
     * @throws ImageFailure ErrImageNeverPull, or ErrImagePull with the engine's message
     */
    void ensure(Pod pod, Container c) {
        String policy = c.imagePullPolicy() == null ? "IfNotPresent" : c.imagePullPolicy();
        boolean present = runtime.hasImage(c.image());
        if ("Never".equals(policy)) {
            if (!present) {
                throw new ImageFailure("ErrImageNeverPull",
                        "Container image \"" + c.image() + "\" is not present with pull policy of Never");
            }
            return;
        }
        if (present && "IfNotPresent".equals(policy)) {
            api.event(pod, "Normal", "Pulled", "Container image \"" + c.image() + "\" already present on machine");
            return;
        }
        ImageReference ref = ImageReference.parse(c.image());
        if (present && !ref.isLoopback() && !remotePulls) {
            api.event(pod, "Normal", "Pulled", "Container image \"" + c.image() + "\" already present on machine; pulling from "
                    + ref.registry() + " is disabled on this node, so imagePullPolicy " + policy + " uses it");
            return;
        }
        pull(pod, c.image());
    }

    private void pull(Pod pod, String image) {
        ImageReference ref = ImageReference.parse(image);
        if (!ref.isLoopback() && !remotePulls) {
            throw new ImageFailure("ErrImagePull", "Failed to pull image \"" + image + "\": pulling from "
                    + ref.registry() + " is disabled on this node (it pulls only from registries on 127.0.0.0/8);"
                    + " build the image on the node (images/build) and use imagePullPolicy: IfNotPresent");
        }
        api.event(pod, "Normal", "Pulling", "Pulling image \"" + image + "\"");
        try {
            runtime.pullImage(image);
        } catch (ContainerRuntimeException e) {
            throw new ImageFailure("ErrImagePull", "Failed to pull image \"" + image + "\": " + e.getMessage());
        }
        api.event(pod, "Normal", "Pulled", "Successfully pulled image \"" + image + "\"");
    }
}
