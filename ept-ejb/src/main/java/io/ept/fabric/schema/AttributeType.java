package io.ept.fabric.schema;

/** JSON value types an attribute may take. */
public enum AttributeType {
    STRING, INTEGER, FLOAT, BOOLEAN, LIST
}
