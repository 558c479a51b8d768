package dev.jk8s.api.core;

/** Versions and platform of a node, as its kubelet reports them. */
public record NodeSystemInfo(String kernelVersion, String osImage, String containerRuntimeVersion,
                             String kubeletVersion, String operatingSystem, String architecture) {

    public static final NodeSystemInfo EMPTY = new NodeSystemInfo(null, null, null, null, null, null);
}
