package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/**
 * The keys of ConfigMap {@code name} as files: all of them, or only {@code items}. Files get
 * {@code defaultMode} (0644 by default) unless an item says otherwise.
 */
public record ConfigMapVolumeSource(String name, List<KeyToPath> items, Integer defaultMode, Boolean optional) {

    public ConfigMapVolumeSource {
        items = Values.list(items);
    }

    public ConfigMapVolumeSource withDefaultMode(Integer defaultMode) {
        return new ConfigMapVolumeSource(name, items, defaultMode, optional);
    }
}
