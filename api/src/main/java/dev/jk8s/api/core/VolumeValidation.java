package dev.jk8s.api.core;

import static dev.jk8s.api.core.PodSpecValidation.isEmpty;

import dev.jk8s.api.validation.Errors;
import dev.jk8s.api.validation.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of a pod's volumes and of the relative paths files are projected to. */
final class VolumeValidation {

    private static final List<String> HOST_PATH_TYPES = List.of("", "DirectoryOrCreate", "Directory",
            "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice");

    private VolumeValidation() {
    }

    /** Checks the volumes and returns every name given, so mounts are checked against them only once. */
    static Set<String> volumes(Errors errs, Path path, List<Volume> volumes) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            Volume v = volumes.get(i);
            Path p = path.index(i);
            if (errs.required(p.child("name"), v.name())) {
                errs.dnsLabel(p.child("name"), v.name());
                if (!names.add(v.name())) {
                    errs.duplicate(p.child("name"), v.name());
                }
            }
            source(errs, p, v);
        }
        return names;
    }

    private static void source(Errors errs, Path p, Volume v) {
        List<String> set = v.sources();
        if (set.isEmpty()) {
            errs.add(p, "Required value: must specify a volume type");
            return;
        }
        for (String extra : set.subList(1, set.size())) {
            errs.forbidden(p.child(extra), "may not specify more than 1 volume type");
        }
        if (v.hostPath() != null && errs.required(p.child("hostPath").child("path"), v.hostPath().path())) {
            errs.oneOf(p.child("hostPath").child("type"), v.hostPath().type(), HOST_PATH_TYPES);
        }
        if (v.emptyDir() != null) {
            emptyDir(errs, p.child("emptyDir"), v.emptyDir());
        }
        if (v.configMap() != null) {
            errs.required(p.child("configMap").child("name"), v.configMap().name());
            projection(errs, p.child("configMap"), v.configMap().items(), v.configMap().defaultMode());
        }
        if (v.secret() != null) {
            errs.required(p.child("secret").child("secretName"), v.secret().secretName());
            projection(errs, p.child("secret"), v.secret().items(), v.secret().defaultMode());
        }
    }

    private static void emptyDir(Errors errs, Path p, EmptyDirVolumeSource dir) {
        errs.oneOf(p.child("medium"), dir.medium(), List.of("", "Memory"));
        if (dir.sizeLimit() != null && dir.sizeLimit().amount().signum() < 0) {
            errs.invalid(p.child("sizeLimit"), dir.sizeLimit().toString(), "must be greater than or equal to 0");
        }
    }

    private static void projection(Errors errs, Path p, List<KeyToPath> items, Integer defaultMode) {
        mode(errs, p.child("defaultMode"), defaultMode);
        for (int i = 0; i < items.size(); i++) {
            KeyToPath item = items.get(i);
            Path ip = p.child("items").index(i);
            errs.required(ip.child("key"), item.key());
            if (errs.required(ip.child("path"), item.path())) {
                relativePath(errs, ip.child("path"), item.path());
            }
            mode(errs, ip.child("mode"), item.mode());
        }
    }

    private static void mode(Errors errs, Path p, Integer mode) {
        if (mode != null && (mode < 0 || mode > 0777)) {
            errs.invalid(p, mode, "must be a number between 0 and 0777 (octal), both inclusive");
        }
    }

    /** A path inside a volume: relative, and never climbing out of it with {@code ..}. */
    static void relativePath(Errors errs, Path p, String path) {
        if (path.startsWith("/")) {
            errs.invalid(p, path, "must be a relative path");
        } else if (Arrays.asList(path.split("/")).contains("..")) {
            errs.invalid(p, path, "must not contain '..'");
        } else if (isEmpty(path)) {
            errs.add(p, "Required value");
        }
    }
}
