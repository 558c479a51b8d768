package dev.jk8s.api.core;

/**
 * A file or directory of the node. {@code type} checks it before mounting: empty (no check),
 * DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.
 */
public record HostPathVolumeSource(String path, String type) {
}
