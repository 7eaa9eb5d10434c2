package io.ept.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretCipherTest {

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndReusedAfterwards(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("sub/secret.key");
        SecretCipher first = SecretCipher.fromConfig(null, keyFile);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        String sealed = first.encrypt("apic-pw");
        assertNotEquals("apic-pw", sealed);
        assertEquals("apic-pw", SecretCipher.fromConfig("", keyFile).decrypt(sealed), "the same key is read back");
    }

    @Test
    void ownerOnlyFilesAreNeverReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f");
        SecretCipher.writeOwnerOnly(file, "one");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> SecretCipher.writeOwnerOnly(file, "two"));
        assertEquals("one", Files.readString(file));
    }
}
