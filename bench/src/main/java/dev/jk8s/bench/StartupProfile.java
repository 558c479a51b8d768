package dev.jk8s.bench;

import dev.jk8s.bench.PodStarter.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * Where a start's time goes: each sample's wall-clock marks (call, accepted by the apiserver,
 * then Docker's create and start of the sandbox and of the app, then done) cut into consecutive
 * steps, and the median of each step over the samples that have every mark. Docker's marks come
 * from the engine's clock, the others from this JVM's; both are the same host clock.
 */
final class StartupProfile {

    private static final String[][] DOCKER_MARKS = {
            {"POD", "create", "sandbox created"}, {"POD", "start", "sandbox started"},
            {"app", "create", "app created"}, {"app", "start", "app started"}};

    private final DockerEvents events;

    StartupProfile(DockerEvents events) {
        this.events = events;
    }

    /**
     * One line: {@code call → accepted 9 | → sandbox created 60 | ...} in milliseconds, and how
     * many samples had every mark.
     */
    String describe(List<Sample> samples, String doneName) {
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        int complete = 0;
        for (Sample s : samples) {
            Map<String, Long> marks = marks(s, doneName);
            if (marks == null) {
                continue;
            }
            complete++;
            String previous = null;
            long previousAt = 0;
            for (Map.Entry<String, Long> m : marks.entrySet()) {
                if (previous != null) {
                    steps.computeIfAbsent(previous + " → " + m.getKey(), k -> new ArrayList<>()).add((m.getValue() - previousAt) / 1e6);
                }
                previous = m.getKey();
                previousAt = m.getValue();
            }
        }
        StringJoiner line = new StringJoiner(" | ");
        steps.forEach((step, ms) -> line.add(String.format("%s %.0f", step, Stats.median(ms))));
        return line + String.format("  (%d/%d starts with every mark)", complete, samples.size());
    }

    /** The sample's marks in order, or null when Docker's events lack one. */
    private Map<String, Long> marks(Sample s, String doneName) {
        Map<String, Long> marks = new LinkedHashMap<>();
        marks.put("call", s.calledAt());
        if (s.acceptedAt() > 0) {
            marks.put("accepted", s.acceptedAt());
        }
        for (String[] m : DOCKER_MARKS) {
            OptionalLong at = events.at(s.name(), m[0], m[1]);
            if (at.isPresent()) {
                marks.put(m[2], at.getAsLong());
            } else if (!m[0].equals("POD")) {
                return null; // a bare run has no sandbox; every start has an app
            }
        }
        marks.put(doneName, s.doneAt());
        return marks;
    }
}
