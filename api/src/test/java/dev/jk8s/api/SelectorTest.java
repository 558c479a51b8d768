package dev.jk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "env", "prod", "tier", "front");

    @ParameterizedTest(name = "\"{0}\" matches app=web,env=prod,tier=front: {1}")
    @CsvSource(delimiter = '|', value = {
            "app=web                  | true",
            "app==web                 | true",
            "app=db                   | false",
            "app!=db                  | true",
            "app!=web                 | false",
            "missing!=x               | true",
            "env in (prod,staging)    | true",
            "env in (dev, staging)    | false",
            "env notin (dev,staging)  | true",
            "env notin (prod)         | false",
            "missing notin (a)        | true",
            "tier                     | true",
            "canary                   | false",
            "!canary                  | true",
            "!tier                    | false",
            "app=web,env in (prod),!canary | true",
            "app=web,tier=back        | false",
            "' app = web , tier '     | true"})
    void parsesKubectlSyntax(String text, boolean matches) {
        assertThat(Selector.parse(text).matches(WEB)).isEqualTo(matches);
    }

    @Test
    void anEmptySelectorMatchesEverything() {
        assertThat(Selector.parse("").isEverything()).isTrue();
        assertThat(Selector.parse(null).matches(Map.of())).isTrue();
        assertThat(Selector.from(null)).isSameAs(Selector.EVERYTHING);
        assertThat(Selector.from(LabelSelector.of(Map.of())).matches(WEB)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"app in prod", "env in (a,b", "=web", "!=web", "a b"})
    void refusesWhatDoesNotParse(String text) {
        assertThatThrownBy(() -> Selector.parse(text)).isInstanceOf(ApiException.class)
                .hasMessageContaining("unable to parse label selector term")
                .hasMessageContaining("use key=value, key!=value, key in (a,b), key notin (a,b), key or !key")
                .satisfies(e -> assertThat(((ApiException) e).reason()).isEqualTo(Reason.BAD_REQUEST));
    }

    @Test
    void printsInKubectlSyntaxThatParsesBack() {
        Selector s = Selector.parse("app=web,env in (staging,prod),tier notin (db),canary,!legacy,zone!=b");

        assertThat(s).hasToString("app=web,env in (prod,staging),tier!=db,canary,!legacy,zone!=b");
        assertThat(Selector.parse(s.toString()).matches(WEB)).isEqualTo(s.matches(WEB));
    }

    @Test
    void evaluatesAStructuredSelector() {
        LabelSelector s = new LabelSelector(Map.of("app", "web"), List.of(
                new LabelSelector.Requirement("env", "In", List.of("prod", "staging")),
                new LabelSelector.Requirement("tier", "NotIn", List.of("db")),
                new LabelSelector.Requirement("tier", "Exists", List.of()),
                new LabelSelector.Requirement("canary", "DoesNotExist", List.of())));

        assertThat(s.matches(WEB)).isTrue();
        assertThat(s.matches(Map.of("app", "web", "env", "dev", "tier", "front"))).isFalse();
        assertThat(s.matches(Map.of("app", "web", "env", "prod"))).isFalse();
        assertThat(s.matches(Map.of("app", "web", "env", "prod", "tier", "front", "canary", "1"))).isFalse();
        assertThat(Selector.from(s)).hasToString("app=web,env in (prod,staging),tier!=db,tier,!canary");
    }

    @Test
    void anUnknownOperatorIsRefused() {
        LabelSelector s = new LabelSelector(null, List.of(new LabelSelector.Requirement("env", "Like", List.of("p"))));

        assertThatThrownBy(() -> s.matches(WEB)).isInstanceOf(ApiException.class)
                .hasMessage("unknown selector operator \"Like\"; use In, NotIn, Exists or DoesNotExist");
    }
}
