package dev.jk8s.apiserver.registry;

import java.util.List;

/** One page of a list: the objects, the revision it was read at, and a token for the next page (null on the last). */
public record ListResult<T>(List<T> items, long revision, String continueToken) {
}
