package dev.jk8s.scheduler;

import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Node;
import dev.jk8s.api.core.Pod;
import java.util.List;

/** Object mothers for scheduler tests, written as the manifests users write. */
public final class TestCluster {

    private TestCluster() {
    }

    /** A Ready node with the given allocatable cpu and memory, 110 pods, labelled with its hostname. */
    public static Node node(String name, String cpu, String memory) {
        return node(name, cpu, memory, "{}", "{}");
    }

    /** As {@link #node(String, String, String)}, with extra labels (a YAML flow map body) and spec (a flow map). */
    public static Node node(String name, String cpu, String memory, String labels, String spec) {
        String extra = labels.equals("{}") ? "" : ", " + labels.substring(1, labels.length() - 1);
        return Kinds.NODE.cast(parse("""
                apiVersion: v1
                kind: Node
                metadata: {name: %s, labels: {kubernetes.io/hostname: %s%s}}
                spec: %s
                status:
                  allocatable: {cpu: "%s", memory: %s, pods: "110"}
                  conditions: [{type: Ready, status: "True"}]
                """.formatted(name, name, extra, spec, cpu, memory)));
    }

    /** A pod in namespace default; {@code spec} is YAML under spec (containers included). */
    public static Pod pod(String name, String labels, String spec) {
        return Kinds.POD.cast(parse("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: default, labels: "
                + labels + "}\nspec:\n" + spec.indent(2)));
    }

    /** A pod with one container requesting the given cpu and memory. */
    public static Pod requesting(String name, String cpu, String memory) {
        return pod(name, "{}", "containers: [{name: app, image: app, resources: {requests: {cpu: \"" + cpu
                + "\", memory: " + memory + "}}}]");
    }

    /** The pod bound to a node. */
    public static Pod on(String node, Pod pod) {
        return pod.withSpec(pod.spec().withNodeName(node));
    }

    public static ApiObject parse(String yaml) {
        List<Codec.Document> docs = Codec.readManifests(yaml, "test manifest");
        if (docs.size() != 1 || !docs.get(0).ok()) {
            throw new AssertionError("bad test manifest: " + (docs.isEmpty() ? "empty" : docs.get(0).error().getMessage()));
        }
        return docs.get(0).object();
    }
}
