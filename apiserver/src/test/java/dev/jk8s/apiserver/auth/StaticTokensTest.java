package dev.jk8s.apiserver.auth;

import dev.jk8s.api.auth.TokenHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticTokensTest {

    @TempDir
    Path dir;

    @Test
    void usersAreFoundByTheirTokenWithTheirQuotedGroupsAndAuthenticated() throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# comment\n\n" + TokenHash.of("t1") + ",admin,u1,\"system:masters, ops\"\n"
                + TokenHash.of("t2") + ",bob,u2\n");

        StaticTokens tokens = StaticTokens.read(file);

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.authenticate("t1")).contains(new UserInfo("admin", "u1", List.of("system:masters", "ops")));
        assertThat(tokens.authenticate("t1").orElseThrow().groups()).containsExactly("system:masters", "ops", UserInfo.AUTHENTICATED);
        assertThat(tokens.authenticate("t2").orElseThrow().groups()).containsExactly(UserInfo.AUTHENTICATED);
        assertThat(tokens.authenticate("t3")).isEmpty();
        assertThat(tokens.authenticate(TokenHash.of("t1"))).as("the hash itself is no token").isEmpty();
    }

    @Test
    void malformedLinesAreRefusedNamingTheLine() throws Exception {
        Path twice = dir.resolve("twice");
        Files.writeString(twice, TokenHash.of("t") + ",a,1\n" + TokenHash.of("t") + ",b,2\n");
        Path short_ = dir.resolve("short");
        Files.writeString(short_, TokenHash.of("t") + ",a\n");
        Path upper = dir.resolve("upper");
        Files.writeString(upper, TokenHash.of("t").toUpperCase().replace("SHA256", "sha256") + ",a,1\n");

        assertThatThrownBy(() -> StaticTokens.read(twice)).hasMessage(twice
                + " line 2: the same token hash appears twice; give each user its own token");
        assertThatThrownBy(() -> StaticTokens.read(short_)).hasMessage(short_
                + " line 1: expected sha256:<hex>,name,uid[,\"group1,group2\"]");
        assertThatThrownBy(() -> StaticTokens.read(upper)).hasMessageStartingWith(upper
                + " line 1: the first column must be sha256:<64 lowercase hex digits>");
    }

    @Test
    void theHashIsSha256OfTheUtf8Bytes() {
        // printf %s abc | sha256sum
        assertThat(TokenHash.of("abc")).isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
