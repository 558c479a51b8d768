package dev.jk8s.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerMetricsTest {

    final AtomicInteger active = new AtomicInteger(3);
    final SchedulerMetrics metrics = new SchedulerMetrics(active::get, () -> 1, () -> 2, () -> 5);

    @Test
    void attemptsCountBindingsThatSucceededAndDecisionsThatFitNowhere() {
        metrics.decided(SchedulerMetrics.SCHEDULED, 300_000); // counted when bound
        metrics.decided(SchedulerMetrics.UNSCHEDULABLE, 700_000);
        metrics.bound(4_000_000, 1_500_000_000L);

        assertThat(metrics.attempts(SchedulerMetrics.SCHEDULED)).isEqualTo(1);
        assertThat(metrics.attempts(SchedulerMetrics.UNSCHEDULABLE)).isEqualTo(1);
        assertThat(metrics.attempts(SchedulerMetrics.ERROR)).isZero();
        String text = metrics.text();
        assertThat(text).contains("scheduler_schedule_attempts_total{result=\"scheduled\"} 1.0\n")
                .contains("scheduler_schedule_attempts_total{result=\"error\"} 0.0\n");
    }

    @Test
    void latenciesLandInTheirBuckets() {
        metrics.decided(SchedulerMetrics.SCHEDULED, 300_000); // 0.3 ms
        metrics.bound(4_000_000, 1_500_000_000L); // bind 4 ms, 1.5 s since queued

        String text = metrics.text();
        assertThat(text).contains("scheduler_scheduling_attempt_duration_seconds_bucket{result=\"scheduled\",le=\"2.5E-4\"} 0\n")
                .contains("scheduler_scheduling_attempt_duration_seconds_bucket{result=\"scheduled\",le=\"5.0E-4\"} 1\n")
                .contains("scheduler_binding_duration_seconds_bucket{le=\"0.0025\"} 0\n")
                .contains("scheduler_binding_duration_seconds_bucket{le=\"0.005\"} 1\n")
                .contains("scheduler_pod_scheduling_duration_seconds_bucket{le=\"1.0\"} 0\n")
                .contains("scheduler_pod_scheduling_duration_seconds_bucket{le=\"2.5\"} 1\n");
    }

    @Test
    void pendingPodsAreReadWhenScraped() {
        active.set(7);
        assertThat(metrics.text()).contains("scheduler_pending_pods{queue=\"active\"} 7.0\n")
                .contains("scheduler_pending_pods{queue=\"unschedulable\"} 1.0\n")
                .contains("scheduler_pending_pods{queue=\"binding\"} 2.0\n")
                .contains("scheduler_events_dropped_total 5.0\n");
    }
}
