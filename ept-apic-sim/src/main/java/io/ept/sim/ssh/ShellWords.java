package io.ept.sim.ssh;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line like a POSIX shell would for the simple cases used here: words, quotes, pipes. */
final class ShellWords {
    private ShellWords() {}

    /** Pipeline segments, each a list of words (quotes removed). Throws IllegalArgumentException on an unterminated quote. */
    static List<List<String>> pipeline(String line) {
        List<List<String>> segments = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unexpected EOF while looking for matching `''");
                cur.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int j = i + 1;
                boolean done = false;
                while (j < line.length()) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) { cur.append(line.charAt(j + 1)); j += 2; continue; }
                    if (d == '"') { done = true; break; }
                    cur.append(d);
                    j++;
                }
                if (!done) throw new IllegalArgumentException("unexpected EOF while looking for matching `\"'");
                inWord = true;
                i = j + 1;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '|') {
                if (inWord) { words.add(cur.toString()); cur.setLength(0); inWord = false; }
                segments.add(words);
                words = new ArrayList<>();
                i++;
            } else if (Character.isWhitespace(c)) {
                if (inWord) { words.add(cur.toString()); cur.setLength(0); inWord = false; }
                i++;
            } else {
                cur.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) words.add(cur.toString());
        segments.add(words);
        if (segments.size() > 1) for (List<String> s : segments) if (s.isEmpty()) throw new IllegalArgumentException("syntax error near unexpected token `|'");
        return segments;
    }
}
