package io.ept.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppStatusIT extends DeployedEar {

    @Test
    void appStatusAnswersSuccessWhenMongoRedisAndJmsAnswer() {
        EptDeployment.Reply reply = EptDeployment.get("app-status");
        assertEquals(200, reply.status(), reply.body());
        // logged in: the dead-letter queue's count and the age of its oldest message too
        assertTrue(reply.body().matches("\\{\"success\":true,\"dead_letter\":\\{\"count\":\\d+,\"oldest_age_seconds\":\\d+}}"),
                reply.body());
        EptDeployment.Reply anonymous = EptDeployment.send("GET", "app-status", null, null);
        assertEquals("{\"success\":true}", anonymous.body());
    }

    @Test
    void readinessCoversMongoRedisAndJms() {
        String ready = readiness();
        assertTrue(ready.contains("\"ept-mongodb\"") && ready.contains("\"ept-redis\"") && ready.contains("\"ept-jms\""),
                ready);
        assertTrue(ready.startsWith("{\"status\":\"UP\""), ready);
    }

    @Test
    void redisOutageIsReportedAndSurvived() {
        TestInfrastructure.stopRedis();
        try {
            EptDeployment.Reply down = awaitReply("app-status", r -> r.status() == 503);
            assertTrue(down.body().contains("\"error\"") && down.body().contains("redis"), down.body());
            String ready = readiness();
            assertTrue(ready.contains("\"name\":\"ept-redis\",\"status\":\"DOWN\""), ready);
            assertTrue(ready.contains("\"name\":\"ept-mongodb\",\"status\":\"UP\""), ready);
            // a dependency down is not a wedged node: liveness stays UP (a restart would not bring Redis back)
            EptDeployment.Reply live = EptDeployment.getAbsolute("http://localhost:"
                    + System.getProperty("ept.it.management.port") + "/health/live");
            assertEquals(200, live.status(), live.body());
            assertTrue(live.body().contains("\"name\":\"ept-liveness\",\"status\":\"UP\""), live.body());
        } finally {
            TestInfrastructure.startRedis();
        }
        EptDeployment.Reply back = awaitReply("app-status", r -> r.status() == 200);
        assertTrue(back.body().startsWith("{\"success\":true,"), back.body());
    }

    @Test
    void malformedProbeRequestsAreRejectedWithAClearMessage() {
        EptDeployment.Reply badJson = EptDeployment.postJson("app-status/probe", "{not json");
        assertEquals(400, badJson.status(), badJson.body());
        assertTrue(badJson.body().startsWith("{\"error\":"), badJson.body());

        EptDeployment.Reply badPriority = EptDeployment.postJson("app-status/probe",
                "{\"run\":\"r\",\"messages\":[{\"key\":\"k\",\"seq\":0,\"priority\":42}]}");
        assertEquals(400, badPriority.status(), badPriority.body());
        assertTrue(badPriority.body().contains("priority"), badPriority.body());

        EptDeployment.Reply noMessages = EptDeployment.postJson("app-status/probe", "{\"run\":\"r\",\"messages\":[]}");
        assertEquals(400, noMessages.status(), noMessages.body());
    }

    private static String readiness() {
        return EptDeployment.getAbsolute("http://localhost:" + System.getProperty("ept.it.management.port")
                + "/health/ready").body();
    }

    private static EptDeployment.Reply awaitReply(String path, Predicate<EptDeployment.Reply> condition) {
        return await("GET " + path + " answering as expected").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> EptDeployment.get(path), condition);
    }
}
