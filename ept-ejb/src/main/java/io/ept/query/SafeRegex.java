package io.ept.query;

/**
 * The guard of every user-supplied regular expression that EPT hands to its store ({@code $regex}): the API
 * filter {@code regex("attr", "...")} and the UI's {@code /regex} endpoint search.
 *
 * <h2>Why a guard, and why this one</h2>
 * The pattern is evaluated by the store, not by EPT: the embedded MongoDB-protocol server matches with
 * {@code java.util.regex}, a real MongoDB with PCRE. Both are backtracking engines, and neither can be told to
 * give up on one pattern: the embedded server has no time limit at all, MongoDB's {@code maxTimeMS} is checked
 * between documents, not inside one match. So the only control EPT has, for both stores alike, is which patterns
 * it lets through. A pattern passes only if
 * <ol>
 *   <li>it is at most {@value #MAX_LENGTH} characters;</li>
 *   <li>it is valid RE2 syntax (checked with RE2/J): no back-references, look-around, atomic groups, possessive
 *       quantifiers, recursion or callouts, the features that make matching super-linear in any engine; and it
 *       compiles with {@code java.util.regex} as well (the embedded server's engine);</li>
 *   <li>no repeated sub-pattern can itself repeat or branch: a quantifier applies to a single character, a
 *       character class, {@code .}, or a group holding neither a quantifier nor an alternation. Nested
 *       quantifiers ({@code (a+)+}, {@code ((a+))+$}) and repeated alternations ({@code (a|aa)+}) are what makes
 *       backtracking exponential: a string can be split between the repetitions in exponentially many ways;</li>
 *   <li>its backtracking <em>budget</em> is small: every unbounded repetition ({@code *}, {@code +},
 *       {@code {m,}} or a range wider than {@value #WIDE_RANGE}) weighs {@value #UNBOUNDED_WEIGHT}, every bounded
 *       choice (an optional {@code ?}, a range {@code {m,n}}, an alternation) weighs its number of choices, and
 *       the product of all weights must stay within {@value #MAX_BUDGET}. A pattern can thus hold at most two
 *       unbounded repetitions ({@code .*foo.*bar}); with the rule above the backtracking matcher then does at
 *       most about {@code n^3} steps on a value of n characters (two repetitions choose their lengths, the
 *       unanchored search its start), instead of {@code 2^n}.</li>
 * </ol>
 * A pattern that fails one rule is refused with a message saying which one ({@link IllegalArgumentException},
 * a 400 on the API). Evaluating the pattern in EPT with RE2/J (linear time) would need every candidate value
 * read out of the store, defeating the store's own filtering, sorting and paging of the bulk routes.
 */
public final class SafeRegex {

    public static final int MAX_LENGTH = 256;
    static final int UNBOUNDED_WEIGHT = 64;
    static final int MAX_BUDGET = UNBOUNDED_WEIGHT * UNBOUNDED_WEIGHT;
    static final int WIDE_RANGE = 16;

    private final String text;
    private int pos;
    private long budget = 1;

    private SafeRegex(String text) {
        this.text = text;
    }

    /** The pattern itself if it is safe to hand to the store; otherwise an exception saying why not. */
    public static String check(String regex) {
        if (regex == null) {
            throw new IllegalArgumentException("regular expression missing");
        }
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("regular expression longer than " + MAX_LENGTH + " characters");
        }
        try {
            com.google.re2j.Pattern.compile(regex);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid or unsupported regular expression (RE2 syntax only: no "
                    + "back-references or look-around): " + e.getDescription());
        }
        try {
            java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression: " + e.getDescription());
        }
        SafeRegex scan = new SafeRegex(regex);
        scan.alternation();
        if (scan.pos != regex.length()) {
            throw new IllegalArgumentException("invalid regular expression: unbalanced ')'");
        }
        return regex;
    }

    /** What a parsed piece contains: a variable repetition, an alternation. */
    private record Shape(boolean repeats, boolean branches) {
        Shape or(Shape other) {
            return new Shape(repeats || other.repeats, branches || other.branches);
        }
    }

    private static final Shape PLAIN = new Shape(false, false);

    private Shape alternation() {
        Shape shape = sequence();
        int branches = 1;
        while (pos < text.length() && text.charAt(pos) == '|') {
            pos++;
            branches++;
            shape = shape.or(sequence());
        }
        if (branches > 1) {
            weigh(branches);
            shape = shape.or(new Shape(false, true));
        }
        return shape;
    }

    private Shape sequence() {
        Shape shape = PLAIN;
        while (pos < text.length() && text.charAt(pos) != '|' && text.charAt(pos) != ')') {
            boolean group = text.charAt(pos) == '(';
            Shape atom = atom();
            shape = shape.or(atom).or(quantifier(atom, group));
        }
        return shape;
    }

    private Shape atom() {
        char c = text.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                if (pos < text.length() && text.charAt(pos) == '?') {
                    // (?flags) or (?flags:...) or (?P<name>...)/(?<name>...); RE2 allows nothing else here
                    int close = pos;
                    while (close < text.length() && text.charAt(close) != ')' && text.charAt(close) != ':'
                            && text.charAt(close) != '>') {
                        close++;
                    }
                    if (close >= text.length()) {
                        throw refuse("unterminated group");
                    }
                    pos = close + 1;
                    if (text.charAt(close) == ')') {
                        return PLAIN; // a flag setting such as (?i)
                    }
                }
                Shape inner = alternation();
                if (pos >= text.length() || text.charAt(pos) != ')') {
                    throw refuse("missing ')'");
                }
                pos++;
                return inner;
            }
            case '[' -> {
                characterClass();
                return PLAIN;
            }
            case '\\' -> {
                escape();
                return PLAIN;
            }
            case '*', '+', '?', '{' -> {
                if (c == '{' && !repetitionAt(pos)) {
                    pos++; // a literal '{'
                    return PLAIN;
                }
                throw refuse("quantifier '" + c + "' without anything to repeat");
            }
            default -> {
                pos++;
                return PLAIN;
            }
        }
    }

    /** The quantifier after an atom, if any; refuses repetitions of pieces that repeat or branch. */
    private Shape quantifier(Shape atom, boolean group) {
        if (pos >= text.length()) {
            return PLAIN;
        }
        char c = text.charAt(pos);
        long min;
        long max; // -1: unbounded
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : -1;
        } else if (c == '{' && repetitionAt(pos)) {
            int close = text.indexOf('}', pos);
            String[] bounds = text.substring(pos + 1, close).split(",", -1);
            min = Long.parseLong(bounds[0].trim());
            max = bounds.length == 1 ? min : bounds[1].isBlank() ? -1 : Long.parseLong(bounds[1].trim());
            pos = close + 1;
        } else {
            return PLAIN;
        }
        if (pos < text.length() && text.charAt(pos) == '?') {
            pos++; // lazy: same search space
        }
        if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '*'
                || (text.charAt(pos) == '{' && repetitionAt(pos)))) {
            throw refuse("a quantifier cannot follow another quantifier");
        }
        if (group && (max < 0 || max > 1) && (atom.repeats() || atom.branches())) {
            throw refuse(atom.repeats()
                    ? "nested quantifiers (a repeated group that itself repeats) are not allowed"
                    : "a repeated group with alternatives ('|') is not allowed; use a character class");
        }
        if (max == min) {
            return PLAIN;
        }
        if (max < 0 || max - min > WIDE_RANGE) {
            weigh(UNBOUNDED_WEIGHT);
        } else {
            weigh(max - min + 1);
        }
        return new Shape(true, false);
    }

    private void weigh(long weight) {
        budget *= weight;
        if (budget > MAX_BUDGET) {
            throw refuse("too many repetitions and alternatives (at most two unbounded repetitions such as .* or +, "
                    + "fewer when combined with alternatives or optional parts)");
        }
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code at}; otherwise a literal '{'. */
    private boolean repetitionAt(int at) {
        int close = text.indexOf('}', at);
        return close > at && text.substring(at + 1, close).matches("\\d{1,4}(,\\d{0,4})?");
    }

    private void escape() {
        pos++; // the backslash
        if (pos >= text.length()) {
            throw refuse("trailing backslash");
        }
        char c = text.charAt(pos++);
        if (c == 'Q') {
            int end = text.indexOf("\\E", pos);
            pos = end < 0 ? text.length() : end + 2;
        } else if ((c == 'x' || c == 'p' || c == 'P') && pos < text.length() && text.charAt(pos) == '{') {
            int close = text.indexOf('}', pos);
            if (close < 0) {
                throw refuse("unterminated \\" + c + "{");
            }
            pos = close + 1;
        } else if (c == 'x') {
            pos = Math.min(text.length(), pos + 2);
        } else if (c == 'p' || c == 'P') {
            pos = Math.min(text.length(), pos + 1);
        }
    }

    private void characterClass() {
        pos++; // '['
        if (pos < text.length() && text.charAt(pos) == '^') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++; // a leading ']' is literal
        }
        while (pos < text.length() && text.charAt(pos) != ']') {
            char c = text.charAt(pos);
            if (c == '\\') {
                escape();
            } else if (c == '[') {
                // [:alpha:] is a named class everywhere; any other '[' means a literal in RE2 and PCRE but a nested
                // class in java.util.regex: refused, so that every engine sees the same class
                int close = text.indexOf(":]", pos);
                if (pos + 1 < text.length() && text.charAt(pos + 1) == ':' && close > pos) {
                    pos = close + 2;
                } else {
                    throw refuse("'[' inside a character class must be escaped");
                }
            } else if (c == '&' && pos + 1 < text.length() && text.charAt(pos + 1) == '&') {
                throw refuse("'&&' inside a character class must be escaped");
            } else {
                pos++;
            }
        }
        if (pos >= text.length()) {
            throw refuse("missing ']'");
        }
        pos++;
    }

    private IllegalArgumentException refuse(String why) {
        return new IllegalArgumentException("regular expression refused at position " + pos + ": " + why);
    }
}
