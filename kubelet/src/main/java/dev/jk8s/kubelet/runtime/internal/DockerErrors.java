package dev.jk8s.kubelet.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException;
import dev.jk8s.kubelet.runtime.ContainerRuntimeException.Kind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place where docker-java's exceptions become {@link ContainerRuntimeException}s. */
final class DockerErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** docker-java's message for an HTTP error: {@code Status 404: {"message":"No such image: x"}}. */
    private static final Pattern STATUS = Pattern.compile("(?s)^Status \\d+: (.*)$");

    private DockerErrors() {
    }

    /**
     * Maps a failure of {@code action} (e.g. {@code create container "app" of pod default/web})
     * to the runtime's exception: a missing image is IMAGE_NOT_FOUND, any other missing object
     * NOT_FOUND, everything else FAILED. The message is {@code <action>: <engine's message>}.
     */
    static ContainerRuntimeException map(String action, RuntimeException e) {
        if (e instanceof ContainerRuntimeException cre) {
            return cre;
        }
        String message = engineMessage(e);
        return new ContainerRuntimeException(kind(e, message), action + ": " + message, e);
    }

    private static Kind kind(RuntimeException e, String message) {
        if (!(e instanceof NotFoundException)) {
            return Kind.FAILED;
        }
        return message.startsWith("No such image") ? Kind.IMAGE_NOT_FOUND : Kind.NOT_FOUND;
    }

    /** What dockerd said, without docker-java's wrapping; for a transport failure, its cause. */
    static String engineMessage(Throwable e) {
        if (e instanceof DockerException || e instanceof DockerClientException) {
            return unwrap(String.valueOf(e.getMessage()).strip());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "cannot reach the Docker engine: " + detail;
    }

    private static String unwrap(String message) {
        Matcher status = STATUS.matcher(message);
        String body = status.matches() ? status.group(1).strip() : message;
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (Exception notJson) {
            // the engine's message was plain text
        }
        return body;
    }
}
