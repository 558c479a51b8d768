package dev.jk8s.api;

import static dev.jk8s.api.Manifests.decodeOne;
import static dev.jk8s.api.Manifests.defaulted;
import static dev.jk8s.api.Manifests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.core.Affinity;
import dev.jk8s.api.core.NodeSelectorRequirement;
import dev.jk8s.api.core.NodeSelectorTerm;
import dev.jk8s.api.core.Pod;
import dev.jk8s.api.core.PodAffinityTerm;
import dev.jk8s.api.core.PreferredSchedulingTerm;
import dev.jk8s.api.core.WeightedPodAffinityTerm;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code spec.affinity} as the Kubernetes documentation writes it decodes unchanged; bad affinity says where and why. */
class AffinityTest {

    /** https://kubernetes.io/examples/pods/pod-with-node-affinity.yaml */
    static final String POD_WITH_NODE_AFFINITY = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: with-node-affinity
            spec:
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions:
                      - key: topology.kubernetes.io/zone
                        operator: In
                        values:
                        - antarctica-east1
                        - antarctica-west1
                  preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 1
                    preference:
                      matchExpressions:
                      - key: another-node-label-key
                        operator: In
                        values:
                        - another-node-label-value
              containers:
              - name: with-node-affinity
                image: registry.k8s.io/pause:2.0
            """;

    /** https://kubernetes.io/examples/pods/pod-with-pod-affinity.yaml */
    static final String POD_WITH_POD_AFFINITY = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: with-pod-affinity
            spec:
              affinity:
                podAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - labelSelector:
                      matchExpressions:
                      - key: security
                        operator: In
                        values:
                        - S1
                    topologyKey: topology.kubernetes.io/zone
                podAntiAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 100
                    podAffinityTerm:
                      labelSelector:
                        matchExpressions:
                        - key: security
                          operator: In
                          values:
                          - S2
                      topologyKey: topology.kubernetes.io/zone
              containers:
              - name: with-pod-affinity
                image: registry.k8s.io/pause:2.0
            """;

    /** The redis cache of "Assigning Pods to Nodes": one replica per host. */
    static final String REDIS_CACHE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: redis-cache
            spec:
              selector:
                matchLabels:
                  app: store
              replicas: 3
              template:
                metadata:
                  labels:
                    app: store
                spec:
                  affinity:
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                      - labelSelector:
                          matchExpressions:
                          - key: app
                            operator: In
                            values:
                            - store
                        topologyKey: "kubernetes.io/hostname"
                  containers:
                  - name: redis-server
                    image: redis:3.2-alpine
            """;

    @Test
    void decodesTheDocumentationsNodeAffinity() {
        Affinity affinity = ((Pod) decodeOne(POD_WITH_NODE_AFFINITY)).spec().affinity();

        NodeSelectorTerm required = affinity.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution()
                .nodeSelectorTerms().get(0);
        assertThat(required.matchExpressions()).containsExactly(new NodeSelectorRequirement(
                "topology.kubernetes.io/zone", "In", List.of("antarctica-east1", "antarctica-west1")));
        assertThat(required.matchFields()).isEmpty();
        PreferredSchedulingTerm preferred = affinity.nodeAffinity().preferredDuringSchedulingIgnoredDuringExecution().get(0);
        assertThat(preferred.weight()).isEqualTo(1);
        assertThat(preferred.preference().matchExpressions().get(0).key()).isEqualTo("another-node-label-key");
        assertThat(affinity.podAffinity()).isNull();
    }

    @Test
    void decodesTheDocumentationsPodAffinity() {
        Affinity affinity = ((Pod) decodeOne(POD_WITH_POD_AFFINITY)).spec().affinity();

        PodAffinityTerm required = affinity.podAffinity().requiredDuringSchedulingIgnoredDuringExecution().get(0);
        assertThat(required.topologyKey()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(required.labelSelector().matchExpressions())
                .containsExactly(new LabelSelector.Requirement("security", "In", List.of("S1")));
        assertThat(required.namespaces()).isEmpty();
        WeightedPodAffinityTerm preferred = affinity.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution().get(0);
        assertThat(preferred.weight()).isEqualTo(100);
        assertThat(preferred.podAffinityTerm().labelSelector().matches(java.util.Map.of("security", "S2"))).isTrue();
    }

    @Test
    void decodesAntiAffinityInADeploymentsTemplate() {
        Deployment d = (Deployment) decodeOne(REDIS_CACHE);

        assertThat(d.spec().template().spec().affinity().podAntiAffinity()
                .requiredDuringSchedulingIgnoredDuringExecution().get(0).topologyKey()).isEqualTo("kubernetes.io/hostname");
    }

    static Stream<Arguments> validManifests() {
        return Stream.of(
                Arguments.of(named("pod with node affinity", POD_WITH_NODE_AFFINITY)),
                Arguments.of(named("pod with pod affinity", POD_WITH_POD_AFFINITY)),
                Arguments.of(named("deployment with anti-affinity", REDIS_CACHE)),
                Arguments.of(named("every operator and matchFields", pod("""
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                            - matchExpressions:
                              - {key: disk, operator: NotIn, values: [hdd]}
                              - {key: gpu, operator: Exists}
                              - {key: spot, operator: DoesNotExist}
                              - {key: cores, operator: Gt, values: ["3"]}
                              - {key: cores, operator: Lt, values: ["65"]}
                            - matchFields: [{key: metadata.name, operator: In, values: [node-1]}]
                        podAffinity:
                          preferredDuringSchedulingIgnoredDuringExecution:
                          - weight: 50
                            podAffinityTerm:
                              labelSelector: {matchLabels: {app: db}}
                              namespaces: [data]
                              namespaceSelector: {}
                              topologyKey: kubernetes.io/hostname
                        """))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validManifests")
    void validAffinityRoundTripsAndValidates(String manifest) {
        ApiObject decoded = decodeOne(manifest);
        // the apiserver fills the namespace from the request, as kubectl's documentation manifests expect
        ApiObject object = decoded.withMetadata(decoded.metadata().withNamespace("default"));

        assertThat(validate(object)).isEmpty();
        assertThat(Codec.decode(Codec.encode(object))).isEqualTo(object);
        assertThat(decodeOne(Codec.toYaml(defaulted(object)))).isEqualTo(defaulted(object));
    }

    private static String pod(String affinity) {
        return "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: default}\nspec:\n"
                + "  containers: [{name: web, image: nginx}]\n  affinity:\n" + affinity.indent(4);
    }

    private static String nodeExpression(String requirement) {
        return pod("nodeAffinity:\n  requiredDuringSchedulingIgnoredDuringExecution:\n"
                + "    nodeSelectorTerms: [{matchExpressions: [" + requirement + "]}]");
    }

    private static String antiAffinity(String term) {
        return pod("podAntiAffinity:\n  requiredDuringSchedulingIgnoredDuringExecution: [" + term + "]");
    }

    private static final String TERM0 = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
            + ".nodeSelectorTerms[0].matchExpressions[0]";

    private static Arguments invalid(String name, String manifest, String field, String message) {
        return Arguments.of(named(name, manifest), field, message);
    }

    static Stream<Arguments> invalidAffinity() {
        return Stream.of(
                invalid("unknown operator", nodeExpression("{key: zone, operator: Near, values: [a]}"),
                        TERM0 + ".operator", "Invalid value: \"Near\": not a valid selector operator"),
                invalid("In without values", nodeExpression("{key: zone, operator: In}"), TERM0 + ".values",
                        "Required value: must be specified when `operator` is 'In' or 'NotIn'"),
                invalid("Exists with values", nodeExpression("{key: zone, operator: Exists, values: [a]}"),
                        TERM0 + ".values", "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
                invalid("Gt with two values", nodeExpression("{key: cores, operator: Gt, values: [\"1\", \"2\"]}"),
                        TERM0 + ".values", "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"),
                invalid("Lt not an integer", nodeExpression("{key: cores, operator: Lt, values: [many]}"),
                        TERM0 + ".values[0]", "Invalid value: \"many\": must be an integer when `operator` is 'Lt' or 'Gt'"),
                invalid("key not a label name", nodeExpression("{key: \"a b\", operator: Exists}"),
                        TERM0 + ".key", "Invalid value: \"a b\": name part must consist of 1 to 63 alphanumeric characters"),
                invalid("no terms", pod("nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}}"),
                        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms",
                        "Required value: must have at least one node selector term"),
                invalid("field other than metadata.name", pod("""
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms: [{matchFields: [{key: spec.podCIDR, operator: In, values: [a]}]}]
                        """), "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                + ".nodeSelectorTerms[0].matchFields[0].key",
                        "Invalid value: \"spec.podCIDR\": not a valid field selector key"),
                invalid("preferred weight 0", pod("""
                        nodeAffinity:
                          preferredDuringSchedulingIgnoredDuringExecution:
                          - {weight: 0, preference: {matchExpressions: [{key: zone, operator: Exists}]}}
                        """), "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                        "Invalid value: 0: must be in the range 1-100"),
                invalid("pod affinity weight 101", pod("""
                        podAffinity:
                          preferredDuringSchedulingIgnoredDuringExecution:
                          - {weight: 101, podAffinityTerm: {labelSelector: {matchLabels: {app: db}}, topologyKey: zone}}
                        """), "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                        "Invalid value: 101: must be in the range 1-100"),
                invalid("no topologyKey", antiAffinity("{labelSelector: {matchLabels: {app: web}}}"),
                        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey",
                        "Required value: can not be empty"),
                invalid("selector operator unknown",
                        antiAffinity("{labelSelector: {matchExpressions: [{key: app, operator: Gt, values: [\"1\"]}]}, "
                                + "topologyKey: zone}"),
                        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]"
                                + ".labelSelector.matchExpressions[0].operator",
                        "Unsupported value: \"Gt\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAffinity")
    void reportsTheFieldAtFault(String manifest, String field, String message) {
        List<FieldError> errors = validate(decodeOne(manifest));

        assertThat(errors).extracting(FieldError::field).containsExactly(field);
        assertThat(errors.get(0).message()).startsWith(message);
    }
}
