package io.ept.security;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Encrypts secrets (APIC, SSH and SMTP passwords) at rest with AES-256-GCM. Every node of a deployment must use
 * the same key: set {@code EPT_SECRET_KEY} (base64 of 32 bytes) or let the first start create a key file.
 */
public final class SecretCipher {

    private static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("secret key must be 32 bytes (AES-256), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Reads the base64 key, or creates a random one in {@code keyFile} (owner-only permissions) on first use. */
    public static SecretCipher fromConfig(String base64Key, Path keyFile) {
        if (base64Key != null && !base64Key.isBlank()) {
            return new SecretCipher(Base64.getDecoder().decode(base64Key.trim()));
        }
        try {
            if (Files.exists(keyFile)) {
                return new SecretCipher(Base64.getDecoder().decode(Files.readString(keyFile).trim()));
            }
            try {
                return create(keyFile);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                return new SecretCipher(Base64.getDecoder().decode(Files.readString(keyFile).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + keyFile, e);
        }
    }

    private static SecretCipher create(Path keyFile) throws IOException {
        try {
            Files.createDirectories(keyFile.getParent());
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            byte[] fresh = generator.generateKey().getEncoded();
            writeOwnerOnly(keyFile, Base64.getEncoder().encodeToString(fresh));
            return new SecretCipher(fresh);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a new file readable by its owner only from the start: created with mode 600 in one step
     * (no window in which another user could open it, as a chmod after the write would leave). Refuses to replace
     * an existing file; two nodes creating the key at once: the loser reads the winner's key.
     */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = open(file, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private static SeekableByteChannel open(Path file, Set<OpenOption> options) throws IOException {
        try {
            return Files.newByteChannel(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.newByteChannel(file, options); // e.g. Windows: the directory's ACL applies
        }
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String encrypt(String plain) {
        if (plain == null || plain.isEmpty() || isEncrypted(plain)) {
            return plain;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a stored secret: wrong EPT_SECRET_KEY?", e);
        }
    }
}
