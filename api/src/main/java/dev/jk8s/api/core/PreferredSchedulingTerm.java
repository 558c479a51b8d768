package dev.jk8s.api.core;

/** A preferred node affinity term: nodes matching {@code preference} gain {@code weight} (1..100). */
public record PreferredSchedulingTerm(Integer weight, NodeSelectorTerm preference) {
}
