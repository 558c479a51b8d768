package dev.jk8s.kubelet.pod;

import dev.jk8s.api.core.Service;
import dev.jk8s.api.core.ServicePort;
import dev.jk8s.api.core.ServiceSpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment Kubernetes gives a container for each Service of its namespace that exists
 * when it starts and has a cluster IP: {@code WEB_API_SERVICE_HOST}, {@code WEB_API_SERVICE_PORT}
 * (the first port), {@code WEB_API_SERVICE_PORT_HTTP} (each named port), and Docker-links style
 * {@code WEB_API_PORT=tcp://10.96.0.7:80}, {@code WEB_API_PORT_80_TCP=tcp://10.96.0.7:80},
 * {@code _PROTO}, {@code _PORT}, {@code _ADDR}. Names are upper-cased with {@code -} as {@code _}.
 * Headless and ExternalName Services give none. Services in name order, so the result is stable.
 * The container's own env comes after these and wins. Pure.
 */
final class ServiceEnv {

    private ServiceEnv() {
    }

    static Map<String, String> of(List<Service> services) {
        Map<String, String> env = new LinkedHashMap<>();
        services.stream().sorted(Comparator.comparing(s -> s.metadata().name())).forEach(s -> add(env, s));
        return env;
    }

    private static void add(Map<String, String> env, Service s) {
        String ip = s.spec().clusterIP();
        if (ip == null || ip.isEmpty() || ServiceSpec.HEADLESS.equals(ip) || s.spec().ports().isEmpty()) {
            return;
        }
        String name = varName(s.metadata().name());
        ServicePort first = s.spec().ports().get(0);
        env.put(name + "_SERVICE_HOST", ip);
        env.put(name + "_SERVICE_PORT", String.valueOf(first.port()));
        for (ServicePort p : s.spec().ports()) {
            if (p.name() != null && !p.name().isEmpty()) {
                env.put(name + "_SERVICE_PORT_" + varName(p.name()), String.valueOf(p.port()));
            }
        }
        env.put(name + "_PORT", url(first, ip));
        for (ServicePort p : s.spec().ports()) {
            String proto = protocol(p);
            String prefix = name + "_PORT_" + p.port() + "_" + proto.toUpperCase(Locale.ROOT);
            env.put(prefix, url(p, ip));
            env.put(prefix + "_PROTO", proto);
            env.put(prefix + "_PORT", String.valueOf(p.port()));
            env.put(prefix + "_ADDR", ip);
        }
    }

    private static String url(ServicePort p, String ip) {
        return protocol(p) + "://" + ip + ":" + p.port();
    }

    private static String protocol(ServicePort p) {
        return (p.protocol() == null || p.protocol().isEmpty() ? "TCP" : p.protocol()).toLowerCase(Locale.ROOT);
    }

    private static String varName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
