package dev.jk8s.api.apps;

/**
 * How a Deployment replaces old pods: {@value #RECREATE} (all old ones first) or
 * {@value #ROLLING_UPDATE} (gradually, within {@code rollingUpdate}'s bounds; the default).
 */
public record DeploymentStrategy(String type, RollingUpdateDeployment rollingUpdate) {

    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String RECREATE = "Recreate";
}
