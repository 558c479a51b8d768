package dev.jk8s.api.core;

import dev.jk8s.api.ObjectReference;

/** One backend address: the pod's IP, and which pod ({@code targetRef}) on which node. */
public record EndpointAddress(String ip, String hostname, String nodeName, ObjectReference targetRef) {

    public static EndpointAddress of(String ip) {
        return new EndpointAddress(ip, null, null, null);
    }
}
