package dev.jk8s.ctl.create;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jk8s.api.Codec;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.ObjectMeta;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.core.ConfigMap;
import dev.jk8s.api.core.Namespace;
import dev.jk8s.ctl.FakeKindClient;
import dev.jk8s.ctl.Jctl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateCommandTest {

    private static final String TWO = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n";

    private final Jctl jctl = new Jctl();
    private final FakeKindClient<ConfigMap> configMaps = jctl.clients.of(Kinds.CONFIG_MAP);

    @Test
    void createsEveryDocumentWithoutTheLastAppliedAnnotation() {
        assertThat(jctl.stdin(TWO).run("create", "-f", "-")).isEqualTo(
                new Jctl.Result(0, "configmap/a created\nconfigmap/b created\n", ""));
        assertThat(configMaps.actions()).containsExactly("create default/a", "create default/b");
        assertThat(configMaps.stored("default", "a").data()).isEqualTo(Map.of("k", "v"));
        assertThat(configMaps.stored("default", "a").metadata().annotations()).isEmpty();
    }

    @Test
    void anExistingObjectFailsItsDocumentOnlyAndTheRunExitsOne(@TempDir Path dir) throws Exception {
        configMaps.seed(new ConfigMap(ObjectMeta.named("default", "a"), Map.of("old", "1")));
        Path file = dir.resolve("cms.yaml");
        Files.writeString(file, TWO);

        assertThat(jctl.run("create", "-f", file.toString())).isEqualTo(new Jctl.Result(1, "configmap/b created\n",
                "error: " + file + ", document 1: configmaps \"a\" already exists; choose another name or update the"
                        + " existing object\n"));
        assertThat(configMaps.stored("default", "a").data()).isEqualTo(Map.of("old", "1"));
    }

    @Test
    void usesTheNamespaceFlagAndRefusesAnotherInTheManifest() {
        String other = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: team-b\n";

        assertThat(jctl.stdin(TWO).run("create", "-f", "-", "-n", "team-a").exit()).isZero();
        assertThat(configMaps.stored("team-a", "b")).isNotNull();
        assertThat(jctl.stdin(other).run("create", "-f", "-", "-n", "team-a")).isEqualTo(new Jctl.Result(1, "",
                "error: STDIN, document 1: the namespace from the provided object \"team-b\" does not match the"
                        + " namespace \"team-a\"; pass --namespace=team-b or leave -n out\n"));
    }

    @Test
    void createsANamespaceByNameAndReportsOneThatExists() {
        FakeKindClient<Namespace> namespaces = jctl.clients.of(Kinds.NAMESPACE);

        assertThat(jctl.run("create", "namespace", "team-a")).isEqualTo(new Jctl.Result(0, "namespace/team-a created\n", ""));
        assertThat(namespaces.actions()).containsExactly("create team-a");
        assertThat(jctl.run("create", "ns", "team-a")).isEqualTo(new Jctl.Result(1, "",
                "error: namespaces \"team-a\" already exists; choose another name or update the existing object\n"));
    }

    @Test
    void createsADeploymentAsKubectlsGeneratorDoes() {
        FakeKindClient<Deployment> deployments = jctl.clients.of(Kinds.DEPLOYMENT);

        assertThat(jctl.run("create", "deployment", "hello", "--image=registry:5000/web/nginx:1.25", "--replicas=2",
                "-n", "team-a")).isEqualTo(new Jctl.Result(0, "deployment.apps/hello created\n", ""));
        assertThat(Codec.toYaml(deployments.stored("team-a", "hello"))).isEqualTo("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: hello
                  namespace: team-a
                  uid: uid-hello
                  resourceVersion: "101"
                  creationTimestamp: 2024-01-01T00:00:00Z
                  labels:
                    app: hello
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: hello
                  template:
                    metadata:
                      labels:
                        app: hello
                    spec:
                      containers:
                      - name: nginx
                        image: registry:5000/web/nginx:1.25
                        resources: {}
                status: {}
                """);
        assertThat(jctl.run("create", "deploy", "web", "--image", "busybox@sha256:abc", "--image", "redis").exit()).isZero();
        assertThat(deployments.stored("default", "web").spec().template().spec().containers())
                .extracting(c -> c.name() + "=" + c.image()).containsExactly("busybox=busybox@sha256:abc", "redis=redis");
    }

    @Test
    void refusesCreateWithoutFilesOrWhatToCreate() {
        assertThat(jctl.run("create")).isEqualTo(new Jctl.Result(2, "", "error: must specify -f FILE, or what to create:"
                + " namespace NAME, deployment NAME --image=IMAGE, role|clusterrole NAME --verb=VERB --resource=RESOURCE,"
                + " rolebinding|clusterrolebinding NAME --clusterrole=ROLE\nSee 'jctl create -h'\n"));
        assertThat(jctl.run("create", "deployment", "hello")).isEqualTo(new Jctl.Result(2, "",
                "error: Missing required option: '--image=IMAGE'\nSee 'jctl create deployment -h'\n"));
        assertThat(jctl.run("create", "-f", "x.yaml", "namespace", "a")).isEqualTo(new Jctl.Result(2, "",
                "error: -f cannot be combined with namespace NAME; use either\nSee 'jctl create namespace -h'\n"));
    }

    @Test
    void aMissingFileIsAnError() {
        assertThat(jctl.run("create", "-f", "/nonexistent/x.yaml")).isEqualTo(
                new Jctl.Result(1, "", "error: the path \"/nonexistent/x.yaml\" does not exist\n"));
    }
}
