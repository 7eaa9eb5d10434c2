package io.ept.analysis.parse;

/** An epm event that cannot be parsed (unknown class, missing or malformed dn). */
public class EpmParseException extends RuntimeException {
    public EpmParseException(String message) {
        super(message);
    }
}
