package dev.jk8s.ctl.cds;

import com.google.protobuf.ByteString;
import dev.jk8s.api.Codec;
import dev.jk8s.api.Kinds;
import dev.jk8s.ctl.CtlConfig;
import dev.jk8s.ctl.Environment;
import dev.jk8s.ctl.Main;
import dev.jk8s.proto.ApiGrpc;
import dev.jk8s.proto.GetRequest;
import dev.jk8s.proto.ListReply;
import dev.jk8s.proto.ListRequest;
import dev.jk8s.proto.ObjectReply;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run {@code bin/jctl} records jctl's class-data-sharing archive from: the commonest commands
 * against a stand-in apiserver on 127.0.0.1, so that the archive holds the classes of a whole
 * call (gRPC, protobuf, JSON, tables) whatever command the user happens to run first after a
 * build. Prints nothing; exits 0. Not part of jctl's command line.
 */
public final class Training {

    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","uid":"u1",
             "resourceVersion":"7","creationTimestamp":"2026-01-01T00:00:00Z","labels":{"app":"web"}},
             "spec":{"nodeName":"n1","containers":[{"name":"app","image":"jk8s/busybox:latest"}]},
             "status":{"phase":"Running","podIP":"127.0.0.1","containerStatuses":[{"name":"app","ready":true,
             "restartCount":0,"state":{"running":{"startedAt":"2026-01-01T00:00:01Z"}}}]}}""";

    private Training() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        train();
        System.exit(0);
    }

    /** Runs the training commands; returns their exit codes (all 0 unless jctl broke). */
    static List<Integer> train() throws IOException, InterruptedException {
        List<Integer> codes = new ArrayList<>();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new StandIn()).build().start();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        try {
            String target = "--server=127.0.0.1:" + server.getPort();
            // the user's config (a CA, a token) is for their cluster, not for the plaintext stand-in
            Environment env = Environment.system(nowhere, nowhere)
                    .withVariables(Map.of(CtlConfig.ENV_VAR, "/nonexistent/jk8s-training-config"));
            for (List<String> cmd : List.of(List.of("get", "pods"), List.of("get", "pods", "-o", "yaml"),
                    List.of("get", "pod", "web", "-o", "wide"), List.of("describe", "pod", "web"))) {
                String[] full = Stream.concat(Stream.of(target), cmd.stream()).toArray(String[]::new);
                codes.add(Main.run(full, env));
            }
        } finally {
            server.shutdownNow().awaitTermination();
        }
        return codes;
    }

    /** Answers lists and gets with one running pod; everything else with an empty list. */
    private static final class StandIn extends ApiGrpc.ApiImplBase {
        private static final ByteString POD_BYTES = ByteString.copyFrom(Codec.encode(Codec.decode(POD.getBytes(StandardCharsets.UTF_8), Kinds.POD)));

        @Override
        public void list(ListRequest req, StreamObserver<ListReply> out) {
            ListReply.Builder b = ListReply.newBuilder().setResourceVersion(7);
            if (req.getResource().equals("pods")) {
                b.addItems(POD_BYTES);
            }
            out.onNext(b.build());
            out.onCompleted();
        }

        @Override
        public void get(GetRequest req, StreamObserver<ObjectReply> out) {
            out.onNext(ObjectReply.newBuilder().setObject(POD_BYTES).build());
            out.onCompleted();
        }
    }
}
