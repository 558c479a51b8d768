package dev.jk8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.Secret;
import dev.jk8s.kubelet.runtime.ContainerSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a container's process sees: its environment, command and limits, as Kubernetes resolves them. */
class ContainerSpecsTest {

    @TempDir
    Path root;

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("a known name", "$(A)-x", "1-x"),
                Arguments.of("an unknown name stays as written", "$(NOPE)", "$(NOPE)"),
                Arguments.of("$$ escapes", "$$(A)", "$(A)"),
                Arguments.of("a lone dollar", "cost $5", "cost $5"),
                Arguments.of("two names", "$(A)$(B)", "12"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expansions")
    void expandsReferencesAsKubernetesDoes(String name, String value, String expanded) {
        assertThat(ContainerSpecs.expand(value, Map.of("A", "1", "B", "2"))).isEqualTo(expanded);
    }

    @Test
    void theNamespacesServicesComeFirstAndTheContainersOwnEnvWins() {
        PodVolumes.ObjectSource objects = new PodVolumes.ObjectSource() {
            @Override
            public ConfigMap configMap(String namespace, String name) {
                throw new AssertionError("not asked for");
            }

            @Override
            public Secret secret(String namespace, String name) {
                throw new AssertionError("not asked for");
            }

            @Override
            public java.util.List<dev.jk8s.api.core.Service> services(String namespace) {
                assertThat(namespace).isEqualTo("default");
                return java.util.List.of(ServiceEnvTest.service("db", "{clusterIP: 10.96.0.9, ports: [{port: 5432}]}"));
            }
        };
        Pod pod = PodSyncerTest.pod("web", """
                  containers:
                  - name: app
                    image: jk8s/busybox:1.0
                    env: [{name: DB_SERVICE_PORT, value: '6432'}, {name: URL, value: 'postgres://$(DB_SERVICE_HOST)'}]
                """);
        ContainerSpec spec = new ContainerSpecs("n1", new PodVolumes(root, objects), objects)
                .of(pod, pod.spec().containers().get(0), 0, "sandbox-1", "172.17.0.9", "127.0.0.1");

        assertThat(spec.env()).contains("DB_SERVICE_HOST=10.96.0.9", "DB_SERVICE_PORT=6432", "DB_PORT=tcp://10.96.0.9:5432",
                "URL=postgres://10.96.0.9").doesNotContain("DB_SERVICE_PORT=5432");
    }

    @Test
    void environmentComesFromValuesTheDownwardApiConfigMapsAndSecrets() {
        PodVolumes.ObjectSource objects = new PodVolumes.ObjectSource() {
            @Override
            public ConfigMap configMap(String namespace, String name) {
                return new ConfigMap(ObjectMeta.named(namespace, name), Map.of("mode", "fast", "level", "3"));
            }

            @Override
            public Secret secret(String namespace, String name) {
                return new Secret(ObjectMeta.named(namespace, name), Map.of("password", "c2VjcmV0"));
            }
        };
        Pod pod = PodSyncerTest.pod("web", """
                  containers:
                  - name: app
                    image: jk8s/busybox:1.0
                    command: [sh, -c, 'echo $(GREETING)']
                    envFrom: [{prefix: CFG_, configMapRef: {name: settings}}]
                    env:
                    - {name: NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                    - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}
                    - {name: GREETING, value: 'hello $(NAME)'}
                    resources: {limits: {cpu: 500m, memory: 64Mi}}
                """);
        ContainerSpec spec = new ContainerSpecs("n1", new PodVolumes(root, objects), objects)
                .of(pod, pod.spec().containers().get(0), 2, "sandbox-1", "172.17.0.9", "127.0.0.1");

        assertThat(spec.env()).containsExactly("CFG_level=3", "CFG_mode=fast", "NAME=web", "IP=172.17.0.9",
                "PASSWORD=secret", "GREETING=hello web");
        assertThat(spec.command()).containsExactly("sh", "-c", "echo hello web");
        assertThat(spec.nanoCpus()).isEqualTo(500_000_000L);
        assertThat(spec.memoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(spec.attempt()).isEqualTo(2);
        assertThat(spec.sandboxId()).isEqualTo("sandbox-1");
    }
}
