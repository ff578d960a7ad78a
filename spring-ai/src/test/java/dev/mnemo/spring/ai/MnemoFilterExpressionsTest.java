package dev.mnemo.spring.ai;

import static dev.mnemo.api.filter.MetadataFilter.and;
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
import dev.mnemo.api.filter.MetadataFilter;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;
import org.springframework.ai.vectorstore.filter.Filter.Key;
import org.springframework.ai.vectorstore.filter.Filter.Value;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

class MnemoFilterExpressionsTest {
    private final FilterExpressionTextParser parser = new FilterExpressionTextParser();

    private MetadataFilter text(String expression) {
        return FilterExpressions.toMetadataFilter(parser.parse(expression));
    }

    @Test
    void comparisonsMapOperatorByOperator() {
        assertThat(text("country == 'BG'")).isEqualTo(eq("country", "BG"));
        assertThat(text("country != 'BG'")).isEqualTo(ne("country", "BG"));
        assertThat(text("year > 2020")).isEqualTo(gt("year", 2020L));
        assertThat(text("year >= 2020")).isEqualTo(gte("year", 2020L));
        assertThat(text("price < 15.5")).isEqualTo(lt("price", 15.5));
        assertThat(text("price <= 15.5")).isEqualTo(lte("price", 15.5));
        assertThat(text("open == true")).isEqualTo(eq("open", true));
        assertThat(text("big == 5000000000L")).isEqualTo(eq("big", 5_000_000_000L));
    }

    @Test
    void listsAndNullChecksMap() {
        assertThat(text("genre in ['comedy', 'drama']")).isEqualTo(in("genre", "comedy", "drama"));
        assertThat(text("genre nin ['comedy', 'drama']")).isEqualTo(notIn("genre", "comedy", "drama"));
        assertThat(text("year is null")).isEqualTo(not(exists("year")));
        assertThat(text("year is not null")).isEqualTo(exists("year"));
    }

    @Test
    void logicalOperatorsAndGroupsNest() {
        assertThat(text("(country == 'BG' || year >= 2020) && not(city == 'Sofia')")).isEqualTo(
                and(or(eq("country", "BG"), gte("year", 2020L)), not(eq("city", "Sofia"))));
        Expression built = new FilterExpressionBuilder()
                .and(new FilterExpressionBuilder().group(new FilterExpressionBuilder().eq("a", 1)),
                        new FilterExpressionBuilder().in("b", "x", "y"))
                .build();
        assertThat(FilterExpressions.toMetadataFilter(built)).isEqualTo(and(eq("a", 1L), in("b", "x", "y")));
    }

    @Test
    void quotedKeysLoseTheirQuotes() {
        assertThat(text("'file.name' == 'a.txt'")).isEqualTo(eq("file.name", "a.txt"));
        assertThat(FilterExpressions.toMetadataFilter(new Expression(ExpressionType.EQ, new Key("\"k\""), new Value("v"))))
                .isEqualTo(eq("k", "v"));
    }

    @Test
    void datesCompareAsIsoStrings() {
        Instant when = Instant.parse("2024-05-01T10:00:00Z");
        Expression e = new Expression(ExpressionType.GTE, new Key("at"), new Value(Date.from(when)));
        assertThat(FilterExpressions.toMetadataFilter(e)).isEqualTo(gte("at", "2024-05-01T10:00:00Z"));
    }

    @Test
    void malformedExpressionsAreRefusedWithTheOperator() {
        assertThatThrownBy(() -> FilterExpressions.toMetadataFilter(
                new Expression(ExpressionType.IN, new Key("k"), new Value("not a list"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("IN needs a list");
        assertThatThrownBy(() -> FilterExpressions.toMetadataFilter(
                new Expression(ExpressionType.EQ, new Key("k"), new Value(List.of(1, 2)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("EQ compares with one value");
        assertThatThrownBy(() -> FilterExpressions.toMetadataFilter(
                new Expression(ExpressionType.AND, new Key("k"), new Value(1))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("logical operator");
        assertThatThrownBy(() -> FilterExpressions.toMetadataFilter(
                new Expression(ExpressionType.GT, new Value(1), new Key("k"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("GT needs a metadata key");
        assertThatThrownBy(() -> FilterExpressions.toMetadataFilter(
                new Expression(ExpressionType.EQ, new Key("k"), new Value(new Object()))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'k'");
        assertThatThrownBy(() -> FilterExpressions.toMetadataFilter((Filter.Expression) null))
                .isInstanceOf(InvalidInputException.class);
    }
}
