package dev.mnemo.spring.ai;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.filter.MetadataFilter;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Translates Spring AI's portable filter expressions ({@link Filter.Expression}, what
 * {@code SearchRequest.filterExpression("country == 'BG' && year >= 2020")} parses to) into
 * Mnemo's {@link MetadataFilter}.
 *
 * <p>The two languages mean the same for every operator: {@code ==}, {@code !=}, {@code >},
 * {@code >=}, {@code <}, {@code <=}, {@code IN}, {@code NIN}, {@code AND}, {@code OR},
 * {@code NOT}, {@code IS NULL} (no such key) and {@code IS NOT NULL} (key present). As in Mnemo,
 * {@code !=} and {@code NIN} also match documents without the key. Values are strings, integers,
 * longs, doubles and booleans; a {@link Date} is compared as its ISO-8601 instant string, the form
 * {@link MnemoVectorStore} stores dates in. Keys may be written quoted ({@code 'my key'} or
 * {@code "my key"}); the quotes are dropped.
 */
public final class FilterExpressions {

    private FilterExpressions() {
    }

    /**
     * The Mnemo filter for an expression.
     *
     * @throws InvalidInputException when the expression is malformed (a comparison without a key
     *                               or value, an {@code IN} without a list) or uses a value Mnemo
     *                               cannot compare
     */
    public static MetadataFilter toMetadataFilter(Filter.Expression expression) {
        if (expression == null) {
            throw new InvalidInputException("filter expression must not be null");
        }
        return switch (expression.type()) {
            case AND -> MetadataFilter.and(operand(expression.left()), operand(expression.right()));
            case OR -> MetadataFilter.or(operand(expression.left()), operand(expression.right()));
            case NOT -> MetadataFilter.not(operand(expression.left()));
            case EQ -> MetadataFilter.eq(key(expression), scalar(expression));
            case NE -> MetadataFilter.ne(key(expression), scalar(expression));
            case GT -> MetadataFilter.gt(key(expression), scalar(expression));
            case GTE -> MetadataFilter.gte(key(expression), scalar(expression));
            case LT -> MetadataFilter.lt(key(expression), scalar(expression));
            case LTE -> MetadataFilter.lte(key(expression), scalar(expression));
            case IN -> MetadataFilter.in(key(expression), list(expression));
            case NIN -> MetadataFilter.notIn(key(expression), list(expression));
            case ISNULL -> MetadataFilter.not(MetadataFilter.exists(key(expression)));
            case ISNOTNULL -> MetadataFilter.exists(key(expression));
        };
    }

    private static MetadataFilter operand(Filter.Operand operand) {
        if (operand instanceof Filter.Expression e) {
            return toMetadataFilter(e);
        }
        if (operand instanceof Filter.Group g) {
            return toMetadataFilter(g.content());
        }
        throw new InvalidInputException("a logical operator needs expressions on both sides, got " + operand);
    }

    private static String key(Filter.Expression expression) {
        if (!(expression.left() instanceof Filter.Key key) || key.key() == null) {
            throw new InvalidInputException(expression.type() + " needs a metadata key on its left, got "
                    + expression.left());
        }
        return unquote(key.key().trim());
    }

    private static Object scalar(Filter.Expression expression) {
        Object value = value(expression);
        if (value instanceof Collection<?>) {
            throw new InvalidInputException(expression.type() + " compares with one value, got a list: " + value);
        }
        return normalise(value);
    }

    private static List<Object> list(Filter.Expression expression) {
        Object value = value(expression);
        if (!(value instanceof Collection<?> values)) {
            throw new InvalidInputException(expression.type() + " needs a list of values, got " + value);
        }
        return values.stream().map(FilterExpressions::normalise).toList();
    }

    private static Object value(Filter.Expression expression) {
        if (!(expression.right() instanceof Filter.Value value) || value.value() == null) {
            throw new InvalidInputException(expression.type() + " needs a value on its right, got "
                    + expression.right());
        }
        return value.value();
    }

    private static Object normalise(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value; // MetadataFilter checks (and refuses) the rest itself
    }

    private static String unquote(String key) {
        if (key.length() >= 2) {
            char first = key.charAt(0);
            if ((first == '\'' || first == '"') && key.charAt(key.length() - 1) == first) {
                return key.substring(1, key.length() - 1);
            }
        }
        return key;
    }
}
