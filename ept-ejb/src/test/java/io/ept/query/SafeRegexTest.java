package io.ept.query;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeRegexTest {

    /** Patterns an operator would use: addresses, prefixes, classes, ranges, one or two wildcards, flags. */
    static final List<String> ACCEPTED = List.of(
            "^10\\.1\\.2\\.", "10\\.1\\.2\\.[0-9]+$", "^00:50:56:.*", "(?i)^aa:bb", "^2001:db8::[0-9a-f]{1,4}$",
            "foo.*bar.*baz", "(ab)+", "^(vlan|vxlan)-[0-9]+$", "[a-z_]+[0-9]{2}", "\\d{1,3}\\.\\d{1,3}", "topology/pod-1/",
            "a{2}", "^$", "", "x?y?z?", "[[:alpha:]]+", "\\Q(a+)+\\E", "(?:ab|cd)e", "(foo|bar)?baz", "a\\{");

    /** Catastrophic in a backtracking engine (java.util.regex, PCRE), or not RE2. */
    static final List<String> REFUSED = List.of(
            "^((a+))+$", "(a|aa)+$", "/^(([0-9a-f:.]+))+z".substring(1), "(a+)+$", "(a*)*b", "(a?)+", "(.*a){12}",
            "(x+x+)+y", "(a|a)*", "((ab)*)+", "(?:a+)+", "(a+){2,}", ".*.*.*x", "a*a*a*a*a*b", "(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)(o|p)(q|r)(s|t)(u|v)(w|x)(y|z)",
            "(a)\\1", "(?=a)a", "(?!a)", "(?<=a)b", "a++", "(?>a+)b", "[a[b]]+", "[a&&b]", "(", "[", "a{2}{3}",
            "a".repeat(SafeRegex.MAX_LENGTH + 1), "(?P<n>a)(?P=n)");

    @Test
    void acceptsOrdinaryPatterns() {
        for (String regex : ACCEPTED) {
            assertEquals(regex, SafeRegex.check(regex), regex);
        }
    }

    @Test
    void refusesCatastrophicAndNonRe2Patterns() {
        for (String regex : REFUSED) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeRegex.check(regex), regex);
            assertTrue(e.getMessage().contains("regular expression"), e.getMessage());
        }
    }

    /** Every accepted pattern finishes quickly in java.util.regex (the embedded store's engine) on hostile input. */
    @Test
    void acceptedPatternsMatchInBoundedTimeInABacktrackingEngine() {
        List<String> inputs = List.of("a".repeat(2000) + "!", "ab".repeat(1000) + "!", "0123456789abcdef:.".repeat(100) + "!",
                "foo".repeat(300) + "bar".repeat(300), "x".repeat(4000));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String regex : ACCEPTED) {
                Pattern p = Pattern.compile(regex);
                for (String input : inputs) {
                    long started = System.nanoTime();
                    p.matcher(input).find();
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    assertTrue(ms < 2000, regex + " took " + ms + " ms");
                }
            }
        });
    }

    @Test
    void guardsTheFilterAndTheSearchAlike() {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
                () -> FilterParser.parse("regex(\"addr\",\"^((a+))+$\")"));
        assertTrue(e.getMessage().contains("nested quantifiers"), e.getMessage());
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("regex(\"addr\",\"(a|aa)+$\")"));
    }

    /**
     * Random patterns over regex metacharacters (seeded): the guard only ever answers with IllegalArgumentException,
     * and whatever it accepts finishes quickly in java.util.regex on inputs built to make backtracking explode.
     */
    @Test
    void randomPatternsAreRefusedCleanlyOrMatchInBoundedTime() {
        java.util.Random random = new java.util.Random(15);
        String alphabet = "aab.:()[]{}|*+?^$\\-,0129dwsQE";
        List<String> inputs = List.of("a".repeat(3000) + "!", "aa:".repeat(1000), "0".repeat(3000) + "x");
        int accepted = 0;
        long worst = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder regex = new StringBuilder();
            int length = 1 + random.nextInt(24);
            for (int i = 0; i < length; i++) {
                regex.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String pattern = regex.toString();
            try {
                SafeRegex.check(pattern);
            } catch (IllegalArgumentException refused) {
                continue;
            }
            accepted++;
            Pattern compiled = Pattern.compile(pattern);
            for (String input : inputs) {
                long started = System.nanoTime();
                compiled.matcher(input).find();
                long ms = (System.nanoTime() - started) / 1_000_000;
                worst = Math.max(worst, ms);
                assertTrue(ms < 3000, pattern + " took " + ms + " ms");
            }
        }
        assertTrue(accepted > 1000, "accepted " + accepted);
        System.out.println("SafeRegexTest: " + accepted + " of 20000 random patterns accepted, slowest match " + worst + " ms");
    }
}
