package dev.jk8s.ctl.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jk8s.api.ApiException;
import dev.jk8s.api.ApiObject;

/**
 * One document of a manifest file: the decoded object and the tree as the user wrote it (what
 * apply merges and records), or the error that says why it does not decode (its message
 * already names the file and the document).
 */
public record Manifest(String source, int index, ApiObject object, ObjectNode tree, ApiException error) {

    public boolean ok() {
        return error == null;
    }

    /** {@code web.yaml, document 2}: how messages point at a document. */
    public String where() {
        return source + ", document " + index;
    }
}
