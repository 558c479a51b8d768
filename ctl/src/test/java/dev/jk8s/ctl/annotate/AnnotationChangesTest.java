package dev.jk8s.ctl.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jk8s.ctl.CtlException;
import dev.jk8s.ctl.MetadataChanges;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnnotationChangesTest {

    @Test
    void parsesSetsAndRemovals() {
        MetadataChanges c = MetadataChanges.parse(MetadataChanges.Field.ANNOTATIONS, List.of("a=1", "url=http://x/?q=1", "empty=", "gone-"));

        assertThat(c.set()).containsExactly(Map.entry("a", "1"), Map.entry("url", "http://x/?q=1"), Map.entry("empty", ""));
        assertThat(c.remove()).containsExactly("gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "=value", "-", ""})
    void rejectsWhatIsNeitherForm(String arg) {
        assertThatThrownBy(() -> MetadataChanges.parse(MetadataChanges.Field.ANNOTATIONS, List.of(arg)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid annotation format: '" + arg + "'; use KEY=VALUE to set an annotation or KEY- to remove one");
    }

    @Test
    void rejectsSettingAndRemovingTheSameKey() {
        assertThatThrownBy(() -> MetadataChanges.parse(MetadataChanges.Field.ANNOTATIONS, List.of("a=1", "a-")))
                .hasMessage("can not both modify and remove the following annotation(s) in the same command: a");
    }

    @Test
    void refusesToOverwriteWithoutTheFlag() {
        MetadataChanges c = MetadataChanges.parse(MetadataChanges.Field.ANNOTATIONS, List.of("a=2", "b=3", "c=4"));

        assertThatThrownBy(() -> c.applyTo(Map.of("a", "1", "b", "3"), false))
                .isInstanceOf(CtlException.class)
                .hasMessage("--overwrite is false but found the following declared annotation(s): 'a' already has a"
                        + " value (1); 'b' already has a value (3)");
    }

    @Test
    void overwritesAndRemoves() {
        MetadataChanges c = MetadataChanges.parse(MetadataChanges.Field.ANNOTATIONS, List.of("a=2", "x-", "missing-"));

        assertThat(c.applyTo(Map.of("a", "1", "x", "y", "keep", "k"), true))
                .isEqualTo(Map.of("a", "2", "keep", "k"));
    }
}
