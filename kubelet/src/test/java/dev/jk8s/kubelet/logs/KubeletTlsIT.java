package dev.jk8s.kubelet.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jk8s.api.Condition;
import dev.jk8s.api.Kinds;
import dev.jk8s.api.core.Pod;
import dev.jk8s.apiserver.ApiServer;
import dev.jk8s.apiserver.ApiServerTls;
import dev.jk8s.client.ApiClient;
import dev.jk8s.client.ConnectOptions;
import dev.jk8s.client.LogOptions;
import dev.jk8s.kubelet.node.NodeAgent;
import dev.jk8s.kubelet.node.NodeConfig;
import dev.jk8s.kubelet.runtime.PodRef;
import dev.jk8s.proto.ContainerLogsRequest;
import dev.jk8s.proto.KubeletGrpc;
import dev.jk8s.testkit.EtcdServer;
import dev.jk8s.testkit.Pki;
import dev.jk8s.testkit.TestObjects;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kubelet's log endpoint over TLS as {@code bin/cluster} runs it (certificates from bin/lib/pki.sh):
 * it serves the apiserver, which shows its kubelet-client certificate, and refuses a caller without one,
 * even a caller that trusts the cluster CA.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KubeletTlsIT {

    private static final Pki PKI = Pki.cluster();

    EtcdServer etcd;
    ApiServer apiserver;
    ApiClient client;
    LogsRuntime runtime;
    KubeletServer kubelet;
    ScheduledExecutorService executor;
    NodeAgent agent;

    @BeforeEach
    void start() throws Exception {
        etcd = new EtcdServer().start();
        apiserver = ApiServer.start(ApiServer.Options.defaults(etcd.endpoint()).withPorts(0, 0)
                .withTls(ApiServerTls.serving(PKI.apiserverCert(), PKI.apiserverKey())
                        .withKubeletClient(PKI.ca(), PKI.kubeletClientCert(), PKI.kubeletClientKey())));
        client = ApiClient.connect("127.0.0.1:" + apiserver.port(),
                ConnectOptions.DEFAULT.withCertificateAuthority(PKI.ca()).withTimeout(Duration.ofSeconds(20)));
        runtime = new LogsRuntime();
        kubelet = KubeletServer.start("127.0.0.1", 0, "n1", runtime, new ServingTls(PKI.kubeletCert("n1"), PKI.kubeletKey("n1"), PKI.ca()));
        executor = Executors.newSingleThreadScheduledExecutor();
        agent = new NodeAgent(client, runtime, NodeConfig.defaults("n1").withEndpoint("127.0.0.1", kubelet.port()), executor);
        agent.start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> client.resource(Kinds.NODE).get(null, "n1"),
                n -> Condition.find(n.status().conditions(), "Ready").map(Condition::isTrue).orElse(false));
    }

    @AfterEach
    void stop() {
        agent.stop();
        executor.shutdownNow();
        kubelet.close();
        client.close();
        apiserver.close();
        etcd.close();
    }

    @Test
    void theApiserverReadsLogsWithItsClientCertificate() {
        Pod pod = client.resource(Kinds.POD).create((Pod) TestObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default}
                spec:
                  nodeName: n1
                  containers:
                  - {name: app, image: jk8s/busybox:latest}
                """));
        runtime.add("n1", new PodRef("default", "web", pod.metadata().uid()), "app", 0, "over TLS\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.logs().copy("default", "web", LogOptions.DEFAULT, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("over TLS\n");
    }

    @Test
    void aCallerWithoutTheApiserversClientCertificateIsRefused() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forTarget("127.0.0.1:" + kubelet.port())
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                        .trustManager(PKI.ca().toFile()).build())
                .build();
        try {
            ContainerLogsRequest request = ContainerLogsRequest.newBuilder().setNamespace("default").setPod("web")
                    .setContainer("app").build();

            assertThatThrownBy(() -> KubeletGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .containerLogs(request).hasNext())
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
                    .hasRootCauseInstanceOf(SSLException.class);
            assertThat(runtime.requests).isEmpty();
        } finally {
            channel.shutdownNow();
        }
    }
}
