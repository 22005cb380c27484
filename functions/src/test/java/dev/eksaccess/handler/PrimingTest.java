package dev.eksaccess.handler;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs offline, leaves nothing behind, and can be registered any number of times. */
class PrimingTest {

    @Test
    void primingRunsOfflineAndLogsNothingSecret() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // No endpoint is configured and none is reachable: anything that needed the network would fail.
            assertDoesNotThrow(Priming::prime);
            assertDoesNotThrow(Priming::register);
            assertDoesNotThrow(Priming::register);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(!printed.contains("k8s-aws-v1.") && !printed.contains("priming-only-not-a-secret"), printed);
    }

    @Test
    void handlersRegisterPrimingWhenTheirClassIsInitialised() {
        assertDoesNotThrow(() -> new GrantAccessHandler(java.util.Map.of()));
        assertDoesNotThrow(() -> new SsoAssignmentHandler(java.util.Map.of()));
    }
}
