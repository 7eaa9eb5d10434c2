package io.ept.fabric;

/** A fabric with this name already exists. */
public class FabricExistsException extends RuntimeException {

    public FabricExistsException(String fabric) {
        super("fabric '" + fabric + "' already exists");
    }
}
