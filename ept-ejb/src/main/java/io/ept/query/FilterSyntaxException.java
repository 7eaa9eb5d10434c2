package io.ept.query;

/** A filter, sort or paging parameter that cannot be used; the message says where and why. */
public class FilterSyntaxException extends IllegalArgumentException {

    public FilterSyntaxException(String message) {
        super(message);
    }
}
