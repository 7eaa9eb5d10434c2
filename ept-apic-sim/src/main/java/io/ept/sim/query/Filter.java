package io.ept.sim.query;

import io.ept.sim.model.MoView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * query-target-filter expressions: {@code op(arg,...)} with {@code class.property} and "quoted" values.
 * Supported: eq ne lt gt le ge bw wcard and or xor not anybit allbits true false.
 * A condition on another class than the object's is false (so or() over mixed classes works as on APIC).
 */
public abstract class Filter {
    public abstract boolean test(MoView mo);

    public static Filter parse(String text) {
        Parser p = new Parser(text.trim());
        Filter f = p.expression();
        p.skipSpaces();
        if (p.pos != p.s.length()) throw new IllegalArgumentException("unexpected text at " + p.pos + " in filter " + text);
        return f;
    }

    private static final class Prop {
        final String cls, name;
        Prop(String cls, String name) { this.cls = cls; this.name = name; }
        String valueOf(MoView mo) { return mo.className().equals(cls) ? mo.attr(name) : null; }
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) { this.s = s; }

        void skipSpaces() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }

        String ident() {
            skipSpaces();
            int st = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.' || s.charAt(pos) == '_' || s.charAt(pos) == '-')) pos++;
            if (st == pos) throw new IllegalArgumentException("expected a name at " + pos + " in filter " + s);
            return s.substring(st, pos);
        }

        void expect(char c) {
            skipSpaces();
            if (pos >= s.length() || s.charAt(pos) != c) throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in filter " + s);
            pos++;
        }

        boolean peek(char c) {
            skipSpaces();
            return pos < s.length() && s.charAt(pos) == c;
        }

        Object arg() {
            skipSpaces();
            if (peek('"')) {
                pos++;
                StringBuilder sb = new StringBuilder();
                while (pos < s.length() && s.charAt(pos) != '"') {
                    if (s.charAt(pos) == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '"') pos++;
                    sb.append(s.charAt(pos++));
                }
                expect('"');
                return sb.toString();
            }
            int save = pos;
            String id = ident();
            if (peek('(')) { pos = save; return expression(); }
            int dot = id.indexOf('.');
            if (dot < 0) return id; // bare value
            return new Prop(id.substring(0, dot), id.substring(dot + 1));
        }

        Filter expression() {
            String op = ident();
            expect('(');
            List<Object> args = new ArrayList<>();
            if (!peek(')')) {
                args.add(arg());
                while (peek(',')) { pos++; args.add(arg()); }
            }
            expect(')');
            return build(op, args);
        }
    }

    private static Filter build(String op, List<Object> args) {
        switch (op) {
            case "and": return of(mo -> { for (Object a : args) if (!((Filter) a).test(mo)) return false; return true; });
            case "or": return of(mo -> { for (Object a : args) if (((Filter) a).test(mo)) return true; return false; });
            case "xor": return of(mo -> { int n = 0; for (Object a : args) if (((Filter) a).test(mo)) n++; return n % 2 == 1; });
            case "not": { Filter inner = (Filter) args.get(0); return of(mo -> !inner.test(mo)); }
        }
        Prop p = (Prop) args.get(0);
        String v = args.size() > 1 ? unescape((String) args.get(1)) : null;
        switch (op) {
            case "eq": return of(mo -> v.equals(p.valueOf(mo)));
            case "ne": return of(mo -> { String x = p.valueOf(mo); return x != null && !v.equals(x); });
            case "gt": return of(mo -> { String x = p.valueOf(mo); return x != null && compare(x, v) > 0; });
            case "lt": return of(mo -> { String x = p.valueOf(mo); return x != null && compare(x, v) < 0; });
            case "ge": return of(mo -> { String x = p.valueOf(mo); return x != null && compare(x, v) >= 0; });
            case "le": return of(mo -> { String x = p.valueOf(mo); return x != null && compare(x, v) <= 0; });
            case "bw": {
                String hi = unescape((String) args.get(2));
                return of(mo -> { String x = p.valueOf(mo); return x != null && compare(x, v) >= 0 && compare(x, hi) <= 0; });
            }
            case "wcard": {
                Pattern re = wildcard((String) args.get(1));
                return of(mo -> { String x = p.valueOf(mo); return x != null && re.matcher(x).find(); });
            }
            case "anybit": case "allbits": {
                Set<String> bits = new HashSet<>(List.of(v.split(",")));
                boolean all = op.equals("allbits");
                return of(mo -> {
                    String x = p.valueOf(mo);
                    if (x == null) return false;
                    Set<String> have = new HashSet<>(List.of(x.split(",")));
                    return all ? have.containsAll(bits) : bits.stream().anyMatch(have::contains);
                });
            }
            case "true": return of(mo -> "true".equals(p.valueOf(mo)) || "yes".equals(p.valueOf(mo)));
            case "false": return of(mo -> { String x = p.valueOf(mo); return x != null && !"true".equals(x) && !"yes".equals(x); });
            default: throw new IllegalArgumentException("unsupported filter operator " + op);
        }
    }

    /** wcard values are regular expressions on APIC (brackets escaped with backslashes); fall back to a literal. */
    private static Pattern wildcard(String raw) {
        try {
            return Pattern.compile(raw);
        } catch (PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(unescape(raw)));
        }
    }

    private static String unescape(String v) {
        if (v.indexOf('\\') < 0) return v;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) c = v.charAt(++i);
            sb.append(c);
        }
        return sb.toString();
    }

    private static int compare(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private interface Pred { boolean test(MoView mo); }

    private static Filter of(Pred p) {
        return new Filter() { @Override public boolean test(MoView mo) { return p.test(mo); } };
    }
}
