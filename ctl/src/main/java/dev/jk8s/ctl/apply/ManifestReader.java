package dev.jk8s.ctl.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.jk8s.api.ApiObject;
import dev.jk8s.api.Codec;
import dev.jk8s.ctl.CtlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads the manifests named by {@code -f}: files, directories ({@code .yaml}, {@code .yml},
 * {@code .json} files in name order; with {@code -R} also in subdirectories) and {@code -} for
 * stdin. Decoding is {@link Codec#readManifests}' (strict, one error per bad document); besides
 * each decoded object it keeps the document's tree as written, since apply must record and
 * merge only the fields the user wrote, not the model's view of them. Stateless.
 */
public final class ManifestReader {

    /** The source name of stdin in messages, as kubectl calls it. */
    public static final String STDIN = "STDIN";

    private static final ObjectMapper YAML = new YAMLMapper();

    private ManifestReader() {
    }

    /**
     * Every document of every source, in order.
     *
     * @throws CtlException when a path does not exist or cannot be read (nothing is applied then)
     */
    public static List<Manifest> read(List<String> paths, boolean recursive, InputStream stdin) {
        List<Manifest> all = new ArrayList<>();
        for (String p : paths) {
            if (p.equals("-")) {
                all.addAll(parse(readStdin(stdin), STDIN));
                continue;
            }
            for (Path file : files(Path.of(p), p, recursive)) {
                all.addAll(parse(readFile(file), file.toString()));
            }
        }
        return all;
    }

    /** The documents of one text; {@code source} names it in messages. */
    public static List<Manifest> parse(String text, String source) {
        List<ObjectNode> written = writtenTrees(text);
        List<Manifest> manifests = new ArrayList<>();
        for (Codec.Document d : Codec.readManifests(text, source)) {
            ObjectNode tree = d.ok() ? treeOf(d, written) : null;
            manifests.add(new Manifest(d.source(), d.index(), d.object(), tree, d.error()));
        }
        return manifests;
    }

    /** The tree as written when it is the same document (it is, unless the two readers disagree). */
    private static ObjectNode treeOf(Codec.Document d, List<ObjectNode> written) {
        ApiObject o = d.object();
        if (d.index() <= written.size()) {
            ObjectNode t = written.get(d.index() - 1);
            if (o.kind().equals(t.path("kind").asText())
                    && Objects.equals(o.metadata().name(), t.path("metadata").path("name").asText(null))) {
                return t;
            }
        }
        return Codec.toTree(o);
    }

    /** The documents as trees, expanded the way {@link Codec#readManifests} expands them; stops at a syntax error. */
    private static List<ObjectNode> writtenTrees(String text) {
        List<ObjectNode> trees = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    add(trees, node);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Codec reports the syntax error for this document; the trees read so far stay valid.
        }
        return trees;
    }

    private static void add(List<ObjectNode> trees, JsonNode node) {
        if ("List".equals(node.path("kind").asText()) && node.path("items").isArray()) {
            node.path("items").forEach(item -> add(trees, item));
        } else {
            trees.add(node.isObject() ? (ObjectNode) node : YAML.createObjectNode());
        }
    }

    private static List<Path> files(Path path, String typed, boolean recursive) {
        if (!Files.exists(path)) {
            throw new CtlException("the path \"" + typed + "\" does not exist");
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path, recursive ? Integer.MAX_VALUE : 1)) {
            return walk.filter(Files::isRegularFile).filter(ManifestReader::isManifest).sorted().toList();
        } catch (IOException e) {
            throw new CtlException("cannot read the directory \"" + typed + "\": " + e.getMessage(), e);
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CtlException("cannot read \"" + file + "\": " + e.getMessage(), e);
        }
    }

    private static String readStdin(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CtlException("cannot read stdin: " + e.getMessage(), e);
        }
    }
}
