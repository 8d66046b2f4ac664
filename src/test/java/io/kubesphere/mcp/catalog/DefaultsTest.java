package io.kubesphere.mcp.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import io.kubesphere.mcp.config.Jackson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DefaultsTest {

    enum Kind {
        PLAIN("plain"), FANCY("fancy-kind");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        @JsonValue
        String wire() {
            return wire;
        }
    }

    record Item(String name, @Default("fancy-kind") Kind kind) {
    }

    record Input(@Default("1") Integer page, @Default("20") Integer limit, @Default("yes") String word,
            String plain, List<Item> items) {
    }

    private final Defaults defaults = new Defaults(Jackson.plain());

    @Test
    void omittedValuesGetTheirPublishedDefaultInNestedRecordsToo() {
        Input filled = defaults.apply(new Input(null, 50, null, null, List.of(new Item("a", null),
                new Item("b", Kind.PLAIN))));
        assertEquals(new Input(1, 50, "yes", null, List.of(new Item("a", Kind.FANCY), new Item("b", Kind.PLAIN))),
                filled);
    }

    @Test
    void aCompleteInputIsReturnedAsItIs() {
        Input complete = new Input(2, 10, "no", "x", List.of(new Item("a", Kind.PLAIN)));
        assertSame(complete, defaults.apply(complete));
    }
}
