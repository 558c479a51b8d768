package dev.jk8s.apiserver.auth;

import dev.jk8s.api.auth.TokenHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users of {@code --token-auth-file}, Kubernetes' static token file with hashed tokens: one
 * user per line, {@code sha256:<hex of the token>,name,uid[,"group1,group2"]}; blank lines and
 * lines starting with {@code #} are skipped. {@code bin/cluster up} writes it for the admin and
 * each control-plane component. Read once at start; immutable and thread-safe.
 */
public final class StaticTokens implements Authenticator {

    private final Map<String, UserInfo> byHash;

    StaticTokens(Map<String, UserInfo> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /**
     * @throws IllegalArgumentException naming the file and line of a malformed entry (and never
     *                                  its content, which might be a token)
     */
    public static StaticTokens read(Path file) throws IOException {
        Map<String, UserInfo> users = new HashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                String where = file + " line " + (i + 1);
                Map.Entry<String, UserInfo> entry = parse(line, where);
                if (users.put(entry.getKey(), entry.getValue()) != null) {
                    throw new IllegalArgumentException(where + ": the same token hash appears twice; give each user its own token");
                }
            }
        }
        return new StaticTokens(users);
    }

    private static Map.Entry<String, UserInfo> parse(String line, String where) {
        String[] columns = columns(line);
        if (columns.length < 3 || columns[1].isBlank()) {
            throw new IllegalArgumentException(where + ": expected sha256:<hex>,name,uid[,\"group1,group2\"]");
        }
        if (!TokenHash.isHash(columns[0])) {
            throw new IllegalArgumentException(where + ": the first column must be sha256:<64 lowercase hex digits> of the"
                    + " token, never the token itself (e.g. printf %s TOKEN | sha256sum)");
        }
        List<String> groups = columns.length > 3 && !columns[3].isBlank()
                ? Arrays.stream(columns[3].split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList() : List.of();
        return Map.entry(columns[0], new UserInfo(columns[1].strip(), columns[2].strip(), groups));
    }

    /** Splits on commas outside double quotes; a quoted column loses its quotes. */
    static String[] columns(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out.toArray(String[]::new);
    }

    @Override
    public Optional<UserInfo> authenticate(String token) {
        return Optional.ofNullable(byHash.get(TokenHash.of(token)));
    }

    public int size() {
        return byHash.size();
    }
}
