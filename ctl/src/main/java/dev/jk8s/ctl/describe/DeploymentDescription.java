package dev.jk8s.ctl.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jk8s.api.Codec;
import dev.jk8s.api.apps.Deployment;
import dev.jk8s.api.apps.DeploymentStatus;
import dev.jk8s.api.apps.DeploymentStrategy;
import dev.jk8s.ctl.get.Cells;

/**
 * What {@code describe deployment} shows between the metadata and the conditions, as kubectl:
 * the selector, replica counts, the strategy and the pod template. Pure.
 */
final class DeploymentDescription {

    private static final int WIDTH = 23;

    private DeploymentDescription() {
    }

    static void write(DescribeText out, Deployment d) {
        DeploymentStatus s = d.status();
        out.field(0, WIDTH, "Selector", Cells.selector(d.spec().selector()));
        out.field(0, WIDTH, "Replicas", n(d.spec().replicas()) + " desired | " + n(s.updatedReplicas()) + " updated | "
                + n(s.replicas()) + " total | " + n(s.availableReplicas()) + " available | " + n(s.unavailableReplicas())
                + " unavailable");
        DeploymentStrategy strategy = d.spec().strategy();
        out.field(0, WIDTH, "StrategyType", strategy == null ? null : strategy.type());
        out.field(0, WIDTH, "MinReadySeconds", n(d.spec().minReadySeconds()));
        if (strategy != null && strategy.rollingUpdate() != null) {
            out.field(0, WIDTH, "RollingUpdateStrategy", strategy.rollingUpdate().maxUnavailable() + " max unavailable, "
                    + strategy.rollingUpdate().maxSurge() + " max surge");
        }
        if (d.spec().isPaused()) {
            out.field(0, WIDTH, "Paused", "true (new templates are not rolled out until it is resumed)");
        }
        JsonNode template = Codec.toTree(d).path("spec").path("template");
        out.yaml(0, "Pod Template", template);
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
