package io.ept.query;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses EPT's filter syntax (ept-reference 5.1) into a MongoDB query: {@code and(...)}, {@code or(...)} of
 * {@code eq|neq|gt|lt|ge|le|regex("attr", value)} where value is a quoted string, a number, true or false;
 * dotted attribute paths reach into lists and documents ({@code events.0.status}).
 *
 * <p>Only attribute names of letters, digits, '_' and '.' are accepted, so a filter can never inject MongoDB
 * operators; secret attributes (passwords) cannot be filtered on, so a filter cannot probe them; regular
 * expressions must pass {@link SafeRegex}, so a filter cannot stall the database with catastrophic backtracking.
 */
public final class FilterParser {

    static final int MAX_LENGTH = 4096;
    static final int MAX_DEPTH = 16;
    static final int MAX_REGEX_LENGTH = SafeRegex.MAX_LENGTH;
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,400}(\\.\\d{1,400})?([eE][-+]?\\d{1,4})?");

    private final String text;
    private int pos;

    private FilterParser(String text) {
        this.text = text;
    }

    public static Bson parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return Filters.empty();
        }
        if (filter.length() > MAX_LENGTH) {
            throw new FilterSyntaxException("filter: longer than " + MAX_LENGTH + " characters");
        }
        FilterParser parser = new FilterParser(filter);
        Bson result = parser.expression(0);
        parser.skipSpaces();
        if (parser.pos != filter.length()) {
            throw parser.error("unexpected text after the filter");
        }
        return result;
    }

    private Bson expression(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("filter nested deeper than " + MAX_DEPTH);
        }
        String op = identifier();
        expect('(');
        Bson result = switch (op) {
            case "and", "or" -> {
                List<Bson> operands = new ArrayList<>();
                do {
                    operands.add(expression(depth + 1));
                } while (consume(','));
                yield "and".equals(op) ? Filters.and(operands) : Filters.or(operands);
            }
            case "eq", "neq", "gt", "lt", "ge", "le", "regex" -> comparison(op);
            default -> throw error("unknown operator '" + abbreviate(op) + "' (and, or, eq, neq, gt, lt, ge, le, regex)");
        };
        expect(')');
        return result;
    }

    private Bson comparison(String op) {
        Object attributeValue = value();
        if (!(attributeValue instanceof String attribute) || !BulkQuery.validPath(attribute)) {
            throw error("the first operand of " + op + " must be a quoted attribute name");
        }
        if (BulkQuery.isSecret(attribute)) {
            throw error("attribute '" + attribute + "' is secret and cannot be filtered on");
        }
        expect(',');
        Object value = value();
        return switch (op) {
            case "eq" -> Filters.eq(attribute, value);
            case "neq" -> Filters.ne(attribute, value);
            case "gt" -> Filters.gt(attribute, value);
            case "lt" -> Filters.lt(attribute, value);
            case "ge" -> Filters.gte(attribute, value);
            case "le" -> Filters.lte(attribute, value);
            case "regex" -> Filters.regex(attribute, safeRegex(value));
            default -> throw new IllegalStateException(op);
        };
    }

    private String safeRegex(Object value) {
        if (!(value instanceof String regex)) {
            throw error("regex needs a quoted pattern");
        }
        try {
            return SafeRegex.check(regex);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private Object value() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("value expected");
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            return quoted(c);
        }
        int start = pos;
        while (pos < text.length() && "),".indexOf(text.charAt(pos)) < 0 && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        String token = text.substring(start, pos);
        if ("true".equals(token) || "false".equals(token)) {
            return Boolean.valueOf(token);
        }
        try {
            if (token.matches("-?\\d{1,18}")) {
                return Long.parseLong(token);
            }
            double number = NUMBER.matcher(token).matches() ? Double.parseDouble(token) : Double.NaN;
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        pos = start;
        throw error("expected a quoted string, a finite number, true or false, got '" + abbreviate(token) + "'");
    }

    private String quoted(char quote) {
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                out.append(text.charAt(pos++));
            } else if (c == quote) {
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private String identifier() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("operator expected");
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("'" + c + "' expected");
        }
    }

    private boolean consume(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private FilterSyntaxException error(String message) {
        return new FilterSyntaxException("filter: invalid at position " + pos + ": " + message);
    }
}
