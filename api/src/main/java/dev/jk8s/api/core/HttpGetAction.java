package dev.jk8s.api.core;

import dev.jk8s.api.IntOrString;
import dev.jk8s.api.Values;
import java.util.List;

/**
 * An HTTP GET against the pod ({@code host} defaults to the pod IP); a status in 200–399 is
 * healthy. {@code port} is a number or a container port's name. Defaults: path {@code /}, scheme HTTP.
 */
public record HttpGetAction(String path, IntOrString port, String host, String scheme, List<HttpHeader> httpHeaders) {

    public HttpGetAction {
        httpHeaders = Values.list(httpHeaders);
    }

    public HttpGetAction withDefaults(String path, String scheme) {
        return new HttpGetAction(path, port, host, scheme, httpHeaders);
    }

    /** One request header of an {@link HttpGetAction}. */
    public record HttpHeader(String name, String value) {
    }
}
