package dev.jk8s.api.core;

import dev.jk8s.api.Values;
import java.util.List;

/**
 * The keys of Secret {@code secretName} as files: all of them, or only {@code items}. Files get
 * {@code defaultMode} (0644 by default) unless an item says otherwise.
 */
public record SecretVolumeSource(String secretName, List<KeyToPath> items, Integer defaultMode, Boolean optional) {

    public SecretVolumeSource {
        items = Values.list(items);
    }

    public SecretVolumeSource withDefaultMode(Integer defaultMode) {
        return new SecretVolumeSource(secretName, items, defaultMode, optional);
    }
}
