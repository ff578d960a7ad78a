package dev.mnemo.cli;

import static dev.mnemo.api.filter.MetadataFilter.and;
import static dev.mnemo.api.filter.MetadataFilter.contains;
import static dev.mnemo.api.filter.MetadataFilter.eq;
import static dev.mnemo.api.filter.MetadataFilter.exists;
import static dev.mnemo.api.filter.MetadataFilter.gt;
import static dev.mnemo.api.filter.MetadataFilter.gte;
import static dev.mnemo.api.filter.MetadataFilter.in;
import static dev.mnemo.api.filter.MetadataFilter.lt;
import static dev.mnemo.api.filter.MetadataFilter.lte;
import static dev.mnemo.api.filter.MetadataFilter.ne;
import static dev.mnemo.api.filter.MetadataFilter.not;
import static dev.mnemo.api.filter.MetadataFilter.notIn;
import static dev.mnemo.api.filter.MetadataFilter.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class WhereParserTest {
    @Test
    void parsesTheIssueExample() {
        assertThat(WhereParser.parse("user_id = \"u1\" and importance >= 3"))
                .isEqualTo(and(eq("user_id", "u1"), gte("importance", 3L)));
    }

    @Test
    void parsesEveryOperatorAndValueKind() {
        assertThat(WhereParser.parse("a != 'x'")).isEqualTo(ne("a", "x"));
        assertThat(WhereParser.parse("a>1.5")).isEqualTo(gt("a", 1.5));
        assertThat(WhereParser.parse("a < -2")).isEqualTo(lt("a", -2L));
        assertThat(WhereParser.parse("a <= 1e3")).isEqualTo(lte("a", 1000.0));
        assertThat(WhereParser.parse("flag = TRUE")).isEqualTo(eq("flag", true));
        assertThat(WhereParser.parse("a in ('x', \"y\")")).isEqualTo(in("a", "x", "y"));
        assertThat(WhereParser.parse("a not in (1, 2)")).isEqualTo(notIn("a", 1L, 2L));
        assertThat(WhereParser.parse("topic contains 'te\\'a'")).isEqualTo(contains("topic", "te'a"));
        assertThat(WhereParser.parse("session.id exists")).isEqualTo(exists("session.id"));
    }

    @Test
    void andBindsTighterThanOrAndParenthesesAndNotGroup() {
        assertThat(WhereParser.parse("a = 1 or b = 2 and c = 3"))
                .isEqualTo(or(eq("a", 1L), and(eq("b", 2L), eq("c", 3L))));
        assertThat(WhereParser.parse("(a = 1 or b = 2) AND NOT c exists"))
                .isEqualTo(and(or(eq("a", 1L), eq("b", 2L)), not(exists("c"))));
        assertThat(WhereParser.parse("not (a = 1 and b = 2)")).isEqualTo(not(and(eq("a", 1L), eq("b", 2L))));
    }

    @Test
    void syntaxErrorsPointAtTheirColumn() {
        assertError("user_id = \"u1\" and importance >=", 33, "expected a value");
        assertError("user_id = \"u1\" and importance >= 3)", 35, "expected 'and', 'or' or the end");
        assertError("user_id == 'u1'", 10, "expected a value");
        assertError("a = 'open", 5, "not closed");
        assertError("(a = 1", 7, "expected ')' to close the '(' at column 1");
        assertError("a ~ 1", 3, "unexpected character '~'");
        assertError("a in 1", 6, "expected '(' after 'in'");
        assertError("a = 99999999999999999999", 5, "out of range");
        assertError("a = b", 5, "expected a value");
        assertError("a", 2, "expected an operator");
        assertError("(".repeat(40) + "a = 1" + ")".repeat(40), 33, "nested deeper than 32");
    }

    @Test
    void refusedKeysAndMixedListsNameTheColumnToo() {
        assertThatThrownBy(() -> WhereParser.parse("a = 1 and b+c = 2"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("column 11").hasMessageContaining("'b+c'");
        assertThatThrownBy(() -> WhereParser.parse("a in ('x', 2)"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("column 1").hasMessageContaining("mixes");
    }

    private static void assertError(String expression, int column, String message) {
        assertThatThrownBy(() -> WhereParser.parse(expression)).as(expression)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--where: syntax error at column " + column + ": ")
                .hasMessageContaining(message);
    }
}
