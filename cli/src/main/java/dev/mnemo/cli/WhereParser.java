package dev.mnemo.cli;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The grammar of {@code search --where}, parsed by hand into a {@link MetadataFilter}:
 *
 * <pre>
 * expr      = and { "or" and }
 * and       = unary { "and" unary }
 * unary     = "not" unary | "(" expr ")" | condition
 * condition = key ( "exists" | op value | [ "not" ] "in" "(" value { "," value } ")" | "contains" string )
 * op        = "=" | "!=" | "&gt;" | "&gt;=" | "&lt;" | "&lt;="
 * value     = string | integer | decimal | "true" | "false"
 * string    = '"' ... '"' | "'" ... "'"   (backslash escapes the quote and itself)
 * </pre>
 *
 * Keywords are case-insensitive; a key is a bare word of {@code [A-Za-z0-9_.-]}. An integer is a
 * long, a number with a point or exponent a double. A syntax error names its column (1-based).
 */
final class WhereParser {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private enum Kind { WORD, STRING, OP, LPAREN, RPAREN, COMMA, END }

    private record Token(Kind kind, String text, int column) {
        String describe() {
            return switch (kind) {
                case END -> "the end of the expression";
                case STRING -> "a string";
                default -> "'" + text + "'";
            };
        }

        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    private final List<Token> tokens;
    private int pos;
    private int depth;

    private WhereParser(String source) {
        this.tokens = tokenize(source);
    }

    /**
     * Parses an expression.
     *
     * @throws InvalidInputException {@code --where: syntax error at column N: ...}, or a refused
     *         key or value with its column
     */
    static MetadataFilter parse(String expression) {
        WhereParser p = new WhereParser(expression);
        MetadataFilter f = p.or();
        Token t = p.peek();
        if (t.kind() != Kind.END) {
            throw p.error(t, "expected 'and', 'or' or the end of the expression");
        }
        return f;
    }

    private MetadataFilter or() {
        List<MetadataFilter> operands = new ArrayList<>();
        operands.add(and());
        while (peek().isWord("or")) {
            pos++;
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : build(peek(), () -> new MetadataFilter.Or(operands));
    }

    private MetadataFilter and() {
        List<MetadataFilter> operands = new ArrayList<>();
        operands.add(unary());
        while (peek().isWord("and")) {
            pos++;
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : build(peek(), () -> new MetadataFilter.And(operands));
    }

    private MetadataFilter unary() {
        Token t = peek();
        if (++depth > MetadataFilter.MAX_DEPTH) {
            throw error(t, "nested deeper than " + MetadataFilter.MAX_DEPTH + " levels");
        }
        try {
            if (t.isWord("not")) {
                pos++;
                MetadataFilter operand = unary();
                return build(t, () -> MetadataFilter.not(operand));
            }
            if (t.kind() == Kind.LPAREN) {
                pos++;
                MetadataFilter inner = or();
                expect(Kind.RPAREN, "expected ')' to close the '(' at column " + t.column());
                return inner;
            }
            return condition();
        } finally {
            depth--;
        }
    }

    private MetadataFilter condition() {
        Token key = next();
        if (key.kind() != Kind.WORD) {
            throw error(key, "expected a metadata key, 'not' or '('");
        }
        Token t = next();
        if (t.isWord("exists")) {
            return build(key, () -> MetadataFilter.exists(key.text()));
        }
        if (t.isWord("contains")) {
            Token s = next();
            if (s.kind() != Kind.STRING) {
                throw error(s, "expected a quoted string after 'contains'");
            }
            return build(key, () -> MetadataFilter.contains(key.text(), s.text()));
        }
        boolean negated = t.isWord("not");
        if (negated) {
            t = next();
            if (!t.isWord("in")) {
                throw error(t, "expected 'in' after '" + key.text() + " not'");
            }
        }
        if (t.isWord("in")) {
            List<Object> values = list();
            return build(key, () -> negated ? MetadataFilter.notIn(key.text(), values)
                    : MetadataFilter.in(key.text(), values));
        }
        if (t.kind() != Kind.OP) {
            throw error(t, "expected an operator (= != > >= < <=), 'in', 'not in', 'contains' or 'exists' after '"
                    + key.text() + "'");
        }
        MetadataFilter.Operator op = operator(t.text());
        Object value = value();
        return build(key, () -> new MetadataFilter.Compare(key.text(), op, value));
    }

    private List<Object> list() {
        expect(Kind.LPAREN, "expected '(' after 'in'");
        List<Object> values = new ArrayList<>();
        values.add(value());
        while (peek().kind() == Kind.COMMA) {
            pos++;
            values.add(value());
        }
        expect(Kind.RPAREN, "expected ',' or ')' in the list");
        return values;
    }

    private Object value() {
        Token t = next();
        if (t.kind() == Kind.STRING) {
            return t.text();
        }
        if (t.kind() == Kind.WORD) {
            if (t.isWord("true") || t.isWord("false")) {
                return Boolean.parseBoolean(t.text().toLowerCase(Locale.ROOT));
            }
            try {
                if (INTEGER.matcher(t.text()).matches()) {
                    return Long.parseLong(t.text());
                }
                if (DECIMAL.matcher(t.text()).matches()) {
                    return Double.parseDouble(t.text());
                }
            } catch (NumberFormatException e) {
                throw error(t, "'" + t.text() + "' is out of range for a 64-bit integer");
            }
        }
        throw error(t, "expected a value (a quoted string, a number, true or false)");
    }

    private static MetadataFilter.Operator operator(String symbol) {
        for (MetadataFilter.Operator op : MetadataFilter.Operator.values()) {
            if (op.symbol().equals(symbol)) {
                return op;
            }
        }
        throw new IllegalStateException("the tokenizer made an unknown operator " + symbol);
    }

    /** Builds a node, giving a refused key or value the column of its condition. */
    private MetadataFilter build(Token at, Supplier<MetadataFilter> node) {
        try {
            return node.get();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--where: at column " + at.column() + ": " + e.getMessage());
        }
    }

    private void expect(Kind kind, String message) {
        Token t = next();
        if (t.kind() != kind) {
            throw error(t, message);
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    private InvalidInputException error(Token at, String message) {
        return syntaxError(at.column(), message + ", found " + at.describe());
    }

    private static InvalidInputException syntaxError(int column, String message) {
        return new InvalidInputException("--where: syntax error at column " + column + ": " + message);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '(' || ch == ')' || ch == ',') {
                out.add(new Token(ch == '(' ? Kind.LPAREN : ch == ')' ? Kind.RPAREN : Kind.COMMA, String.valueOf(ch),
                        column));
                i++;
            } else if (ch == '=' || ch == '<' || ch == '>' || ch == '!') {
                boolean twoChars = i + 1 < s.length() && s.charAt(i + 1) == '=' && ch != '=';
                if (ch == '!' && !twoChars) {
                    throw syntaxError(column, "expected '!=', found '!'");
                }
                out.add(new Token(Kind.OP, s.substring(i, i + (twoChars ? 2 : 1)), column));
                i += twoChars ? 2 : 1;
            } else if (ch == '"' || ch == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != ch) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    text.append(s.charAt(j++));
                }
                if (j >= s.length()) {
                    throw syntaxError(column, "the string starting here is not closed with " + ch);
                }
                out.add(new Token(Kind.STRING, text.toString(), column));
                i = j + 1;
            } else if (isWordChar(ch)) {
                int j = i;
                while (j < s.length() && isWordChar(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, s.substring(i, j), column));
                i = j;
            } else {
                throw syntaxError(column, "unexpected character '" + ch + "'");
            }
        }
        out.add(new Token(Kind.END, "", s.length() + 1));
        return out;
    }

    private static boolean isWordChar(char ch) {
        return ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_' || ch == '.' || ch == '-' || ch == '+');
    }
}
