package dev.jk8s.ctl.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThreeWayMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** name, live, last applied (null: none), new manifest, expected result. JSON with ' for ". */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("adds a field", "{'a':1}", "{'a':1}", "{'a':1,'b':2}", "{'a':1,'b':2}"),
                Arguments.of("changes a field", "{'a':1}", "{'a':1}", "{'a':2}", "{'a':2}"),
                Arguments.of("removes a field that was last applied", "{'a':1,'b':2}", "{'a':1,'b':2}", "{'a':1}", "{'a':1}"),
                Arguments.of("keeps a field set by others", "{'a':1,'other':3}", "{'a':1}", "{'a':2}", "{'a':2,'other':3}"),
                Arguments.of("keeps everything without a last applied manifest", "{'a':1,'b':2}", null, "{'a':1}",
                        "{'a':1,'b':2}"),
                Arguments.of("merges nested maps key by key",
                        "{'metadata':{'labels':{'app':'web','tier':'x','added':'by-other'}}}",
                        "{'metadata':{'labels':{'app':'web','tier':'x'}}}",
                        "{'metadata':{'labels':{'app':'api'}}}",
                        "{'metadata':{'labels':{'app':'api','added':'by-other'}}}"),
                Arguments.of("removes a whole nested map that was last applied",
                        "{'data':{'a':'1'},'spec':{'x':1}}", "{'data':{'a':'1'},'spec':{'x':1}}", "{'spec':{'x':1}}",
                        "{'spec':{'x':1}}"),
                Arguments.of("keeps server fields next to declared ones",
                        "{'metadata':{'name':'n','uid':'u','resourceVersion':'7'}}", "{'metadata':{'name':'n'}}",
                        "{'metadata':{'name':'n','labels':{'a':'b'}}}",
                        "{'metadata':{'name':'n','uid':'u','resourceVersion':'7','labels':{'a':'b'}}}"),
                Arguments.of("replaces lists whole", "{'l':[1,2,3]}", "{'l':[1,2]}", "{'l':[4]}", "{'l':[4]}"),
                Arguments.of("replaces lists of objects whole, dropping entries added by others",
                        "{'c':[{'name':'a','x':1},{'name':'sidecar'}]}", "{'c':[{'name':'a'}]}", "{'c':[{'name':'a','x':2}]}",
                        "{'c':[{'name':'a','x':2}]}"),
                Arguments.of("a map replaces a scalar", "{'a':1}", "{'a':1}", "{'a':{'b':1}}", "{'a':{'b':1}}"),
                Arguments.of("null removes a field", "{'a':1,'b':2}", null, "{'a':1,'b':null}", "{'a':1}"),
                Arguments.of("a last applied scalar where a map is now declared", "{'a':{'x':1,'y':2}}", "{'a':5}",
                        "{'a':{'x':3}}", "{'a':{'x':3,'y':2}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void merges(String name, String live, String last, String desired, String expected) {
        ObjectNode result = ThreeWayMerge.merge(tree(live), last == null ? null : tree(last), tree(desired));

        assertThat(result).isEqualTo(tree(expected));
    }

    @Test
    void leavesItsArgumentsAlone() {
        ObjectNode live = tree("{'m':{'a':1,'b':2}}");
        ObjectNode last = tree("{'m':{'a':1,'b':2}}");
        ObjectNode desired = tree("{'m':{'a':3}}");

        ThreeWayMerge.merge(live, last, desired);

        assertThat(live).isEqualTo(tree("{'m':{'a':1,'b':2}}"));
        assertThat(last).isEqualTo(tree("{'m':{'a':1,'b':2}}"));
        assertThat(desired).isEqualTo(tree("{'m':{'a':3}}"));
    }

    static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
