package dev.jk8s.api.core;

import dev.jk8s.api.IntOrString;

/** Opens a TCP connection to {@code port} (a number or a container port's name); success is healthy. */
public record TcpSocketAction(IntOrString port, String host) {
}
