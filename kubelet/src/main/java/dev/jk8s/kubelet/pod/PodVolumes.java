package dev.jk8s.kubelet.pod;

import dev.jk8s.api.ApiException;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Container;
import dev.jk8s.api.core.KeyToPath;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Secret;
import dev.jk8s.api.core.Volume;
import dev.jk8s.api.core.VolumeMount;
import dev.jk8s.kubelet.runtime.Mount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The host side of a pod's volumes, under {@code <root>/pods/<uid>/volumes/<type>/<name>}:
 * {@code emptyDir} is a directory shared by the pod's containers for the pod's lifetime;
 * {@code configMap} and {@code secret} are files written from the object (every key, or the
 * listed items), mounted read-only; {@code hostPath} is the host's path. Thread-safe for
 * different pods; a pod's worker is its only caller.
 */
public final class PodVolumes {

    private final Path root;
    private final ObjectSource objects;

    /** Reads the ConfigMaps and Secrets that volumes and environment variables refer to. */
    public interface ObjectSource {
        /** @throws ApiException NotFound when absent */
        ConfigMap configMap(String namespace, String name);

        /** @throws ApiException NotFound when absent */
        Secret secret(String namespace, String name);

        /**
         * The Services of a namespace, for the containers' service variables.
         *
         * @throws ApiException Unavailable while they have not been read yet (the container waits)
         */
        default List<dev.jk8s.api.core.Service> services(String namespace) {
            return List.of();
        }
    }

    public PodVolumes(Path root, ObjectSource objects) {
        this.root = root;
        this.objects = objects;
    }

    /**
     * Creates (or refreshes) the pod's volume directories and files.
     *
     * @throws ApiException NotFound for a missing ConfigMap or Secret that is not optional
     */
    public void prepare(Pod pod) {
        for (Volume v : pod.spec().volumes()) {
            Path dir = dir(pod, v);
            if (v.emptyDir() != null) {
                mkdirs(dir, "rwxrwxrwx"); // any user of any container may write, as in Kubernetes
            } else if (v.configMap() != null) {
                writeConfigMap(pod, v, dir);
            } else if (v.secret() != null) {
                writeSecret(pod, v, dir);
            }
        }
    }

    /**
     * The mounts of one container.
     *
     * @throws ApiException BadRequest for a subPath that leads outside its volume (through a
     *                      symbolic link a container made): it would expose the host
     */
    public List<Mount> mounts(Pod pod, Container c) {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount m : c.volumeMounts()) {
            Volume v = pod.spec().volumes().stream().filter(x -> x.name().equals(m.name())).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("container \"" + c.name() + "\": volumeMounts names volume \""
                            + m.name() + "\", which the pod does not have"));
            Path source = v.hostPath() != null ? Path.of(v.hostPath().path()) : dir(pod, v);
            if (m.subPath() != null && !m.subPath().isEmpty()) {
                source = subPath(source, c, m);
            }
            boolean readOnly = Boolean.TRUE.equals(m.readOnly()) || v.configMap() != null || v.secret() != null;
            mounts.add(new Mount(source.toAbsolutePath().toString(), m.mountPath(), readOnly));
        }
        return mounts;
    }

    /** The volume's subdirectory, created if missing, resolved through links and checked to stay inside the volume. */
    private static Path subPath(Path volume, Container c, VolumeMount m) {
        try {
            Path base = volume.toRealPath();
            Path target = base.resolve(m.subPath()).normalize();
            if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            }
            Path real = target.toRealPath();
            if (!real.startsWith(base)) {
                throw ApiException.badRequest("container \"" + c.name() + "\": volumeMounts subPath \"" + m.subPath()
                        + "\" of volume \"" + m.name() + "\" leads outside the volume; use a path inside it");
            }
            return real;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare subPath " + m.subPath() + " of volume " + m.name(), e);
        }
    }

    /** Removes everything the pod had on the host (except hostPath volumes, which are not the pod's). */
    public void cleanUp(String podUid) {
        Path dir = root.resolve("pods").resolve(podUid);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the volumes of pod " + podUid + " under " + dir, e);
        }
    }

    private Path dir(Pod pod, Volume v) {
        String type = v.emptyDir() != null ? "empty-dir" : v.configMap() != null ? "configmap" : "secret";
        return root.resolve("pods").resolve(pod.metadata().uid()).resolve("volumes").resolve(type).resolve(v.name());
    }

    private void writeConfigMap(Pod pod, Volume v, Path dir) {
        ConfigMap cm;
        try {
            cm = objects.configMap(pod.metadata().namespace(), v.configMap().name());
        } catch (ApiException e) {
            if (Boolean.TRUE.equals(v.configMap().optional())) {
                mkdirs(dir, "rwxr-xr-x");
                return;
            }
            throw e;
        }
        Map<String, byte[]> files = new java.util.TreeMap<>();
        cm.data().forEach((k, val) -> files.put(k, val.getBytes(StandardCharsets.UTF_8)));
        writeFiles(dir, select(files, v.configMap().items()));
    }

    private void writeSecret(Pod pod, Volume v, Path dir) {
        Secret s;
        try {
            s = objects.secret(pod.metadata().namespace(), v.secret().secretName());
        } catch (ApiException e) {
            if (Boolean.TRUE.equals(v.secret().optional())) {
                mkdirs(dir, "rwxr-xr-x");
                return;
            }
            throw e;
        }
        Map<String, byte[]> files = new java.util.TreeMap<>();
        s.data().forEach((k, val) -> files.put(k, Base64.getDecoder().decode(val)));
        writeFiles(dir, select(files, v.secret().items()));
    }

    /** All keys as files of their own name, or only the listed items at their paths. */
    private static Map<String, byte[]> select(Map<String, byte[]> all, List<KeyToPath> items) {
        if (items == null || items.isEmpty()) {
            return all;
        }
        Map<String, byte[]> chosen = new java.util.TreeMap<>();
        items.stream().filter(i -> all.containsKey(i.key())).forEach(i -> chosen.put(i.path(), all.get(i.key())));
        return chosen;
    }

    private static void writeFiles(Path dir, Map<String, byte[]> files) {
        mkdirs(dir, "rwxr-xr-x");
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path file = dir.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write volume files under " + dir, e);
        }
    }

    private static void mkdirs(Path dir, String perms) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create volume directory " + dir, e);
        }
    }
}
