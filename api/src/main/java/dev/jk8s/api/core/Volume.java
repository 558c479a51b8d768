package dev.jk8s.api.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A named volume of a pod, which containers mount by name. Exactly one source is set:
 * a node directory ({@code hostPath}), a scratch directory living as long as the pod
 * ({@code emptyDir}), or the keys of a Secret or ConfigMap as files.
 */
public record Volume(String name, HostPathVolumeSource hostPath, EmptyDirVolumeSource emptyDir,
                     SecretVolumeSource secret, ConfigMapVolumeSource configMap) {

    public static Volume emptyDir(String name) {
        return new Volume(name, null, new EmptyDirVolumeSource(null, null), null, null);
    }

    public static Volume configMap(String name, String configMapName) {
        return new Volume(name, null, null, null, new ConfigMapVolumeSource(configMapName, null, null, null));
    }

    public Volume withSecret(SecretVolumeSource secret) {
        return new Volume(name, hostPath, emptyDir, secret, configMap);
    }

    public Volume withConfigMap(ConfigMapVolumeSource configMap) {
        return new Volume(name, hostPath, emptyDir, secret, configMap);
    }

    /** The field names of the sources that are set, in declaration order (one, when valid). */
    public List<String> sources() {
        List<String> set = new ArrayList<>();
        if (hostPath != null) {
            set.add("hostPath");
        }
        if (emptyDir != null) {
            set.add("emptyDir");
        }
        if (secret != null) {
            set.add("secret");
        }
        if (configMap != null) {
            set.add("configMap");
        }
        return set;
    }
}
