package io.ept.fabric;

/** The named fabric does not exist. */
public class FabricNotFoundException extends RuntimeException {

    public FabricNotFoundException(String fabric) {
        super("fabric '" + fabric + "' not found");
    }
}
