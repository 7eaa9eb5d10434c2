package io.ept.security;

import com.mongodb.client.MongoDatabase;
import io.ept.platform.Infrastructure;
import io.ept.support.MongoTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountBootstrapTest {

    @Test
    void theGeneratedAdminPasswordGoesToAnOwnerOnlyFileNeverToTheLog(@TempDir Path dataDir) throws Exception {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try (MongoTestServer mongo = new MongoTestServer()) {
            AccountBootstrap bootstrap = new AccountBootstrap();
            bootstrap.infrastructure = new Infrastructure() {
                @Override
                public MongoDatabase database() {
                    return mongo.database();
                }

                @Override
                public Path dataPath() {
                    return dataDir;
                }
            };
            bootstrap.createGeneratedAdmin();
            Path file = dataDir.resolve("admin-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String password = Files.readString(file).trim();
            assertTrue(password.length() >= 12, password);
            AccountDirectory directory = new AccountDirectory(mongo.database(), new PasswordHasher(1_000), Clock.systemUTC());
            assertEquals("admin", directory.login("admin", password, false).caller().username());
            assertFalse(logged.isEmpty(), "the log says where the password is");
            assertTrue(logged.stream().noneMatch(line -> line != null && line.contains(password)), logged.toString());

            bootstrap.createGeneratedAdmin(); // a later start: admin exists, the file is left alone
            assertEquals(password, Files.readString(file).trim());
        } finally {
            root.removeHandler(capture);
        }
    }
}
