package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/**
 * One container of a pod: an image, how to start it, its ports, environment, resources, mounts,
 * probes and lifecycle hooks. Lists are never null and {@code resources} is never null (absent means
 * {@link ResourceRequirements#NONE}); probes and {@code lifecycle} are null when not configured.
 *
 * <p>Change one with {@link #toBuilder()}. Defaults (see {@link PodSpecDefaults}) fill
 * imagePullPolicy, terminationMessagePath/Policy, port protocols and probe timings.
 */
public record Container(
        String name,
        String image,
        List<String> command,
        List<String> args,
        String workingDir,
        List<ContainerPort> ports,
        List<EnvFromSource> envFrom,
        List<EnvVar> env,
        ResourceRequirements resources,
        List<VolumeMount> volumeMounts,
        Probe livenessProbe,
        Probe readinessProbe,
        Probe startupProbe,
        Lifecycle lifecycle,
        String terminationMessagePath,
        String terminationMessagePolicy,
        String imagePullPolicy,
        Boolean stdin,
        Boolean tty) {

    public Container {
        command = Values.list(command);
        args = Values.list(args);
        ports = Values.list(ports);
        envFrom = Values.list(envFrom);
        env = Values.list(env);
        resources = resources == null ? ResourceRequirements.NONE : resources;
        volumeMounts = Values.list(volumeMounts);
    }

    public static Container of(String name, String image) {
        return builder().name(name).image(image).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public Container withImage(String image) {
        return toBuilder().image(image).build();
    }

    public Container withResources(ResourceRequirements resources) {
        return toBuilder().resources(resources).build();
    }

    public Container withLifecycle(Lifecycle lifecycle) {
        return toBuilder().lifecycle(lifecycle).build();
    }

    /** The preStop hook, or null when there is none. */
    public LifecycleHandler preStop() {
        return lifecycle == null ? null : lifecycle.preStop();
    }

    /** The postStart hook, or null when there is none. */
    public LifecycleHandler postStart() {
        return lifecycle == null ? null : lifecycle.postStart();
    }

    /** A mutable builder; {@link #build()} makes the immutable value. */
    public static final class Builder {
        private String name;
        private String image;
        private List<String> command;
        private List<String> args;
        private String workingDir;
        private List<ContainerPort> ports;
        private List<EnvFromSource> envFrom;
        private List<EnvVar> env;
        private ResourceRequirements resources;
        private List<VolumeMount> volumeMounts;
        private Probe livenessProbe;
        private Probe readinessProbe;
        private Probe startupProbe;
        private Lifecycle lifecycle;
        private String terminationMessagePath;
        private String terminationMessagePolicy;
        private String imagePullPolicy;
        private Boolean stdin;
        private Boolean tty;

        private Builder() {
        }

        private Builder(Container c) {
            name = c.name;
            image = c.image;
            command = c.command;
            args = c.args;
            workingDir = c.workingDir;
            ports = c.ports;
            envFrom = c.envFrom;
            env = c.env;
            resources = c.resources;
            volumeMounts = c.volumeMounts;
            livenessProbe = c.livenessProbe;
            readinessProbe = c.readinessProbe;
            startupProbe = c.startupProbe;
            lifecycle = c.lifecycle;
            terminationMessagePath = c.terminationMessagePath;
            terminationMessagePolicy = c.terminationMessagePolicy;
            imagePullPolicy = c.imagePullPolicy;
            stdin = c.stdin;
            tty = c.tty;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder image(String v) { image = v; return this; }
        public Builder command(List<String> v) { command = v; return this; }
        public Builder args(List<String> v) { args = v; return this; }
        public Builder workingDir(String v) { workingDir = v; return this; }
        public Builder ports(List<ContainerPort> v) { ports = v; return this; }
        public Builder envFrom(List<EnvFromSource> v) { envFrom = v; return this; }
        public Builder env(List<EnvVar> v) { env = v; return this; }
        public Builder resources(ResourceRequirements v) { resources = v; return this; }
        public Builder volumeMounts(List<VolumeMount> v) { volumeMounts = v; return this; }
        public Builder livenessProbe(Probe v) { livenessProbe = v; return this; }
        public Builder readinessProbe(Probe v) { readinessProbe = v; return this; }
        public Builder startupProbe(Probe v) { startupProbe = v; return this; }
        public Builder lifecycle(Lifecycle v) { lifecycle = v; return this; }
        public Builder terminationMessagePath(String v) { terminationMessagePath = v; return this; }
        public Builder terminationMessagePolicy(String v) { terminationMessagePolicy = v; return this; }
        public Builder imagePullPolicy(String v) { imagePullPolicy = v; return this; }
        public Builder stdin(Boolean v) { stdin = v; return this; }
        public Builder tty(Boolean v) { tty = v; return this; }

        public Container build() {
            return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources,
                    volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath,
                    terminationMessagePolicy, imagePullPolicy, stdin, tty);
        }
    }
}
