package dev.eksaccess.handler;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.eks.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
            Environment snapStart = Environment.of(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"));
            assertDoesNotThrow(() -> Priming.register(snapStart));
            assertDoesNotThrow(() -> Priming.register(snapStart));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(!printed.contains("k8s-aws-v1.") && !printed.contains("priming-only-not-a-secret"), printed);
    }

    @ParameterizedTest
    @CsvSource({"snap-start, true", "on-demand, false", "provisioned-concurrency, false", "'', true"})
    void onlyAContainerThatCanBeSnapshottedRegistersTheHook(String initType, boolean registers) {
        // Lambda sets the variable in every container; without it (a CRaC JVM of one's own) register anyway.
        Environment env = Environment.of(initType.isEmpty() ? Map.of()
                : Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", initType));
        assertEquals(registers, Priming.snapshotPossible(env));
    }

    @Test
    void handlersRegisterPrimingWhenBuilt() {
        assertDoesNotThrow(() -> new GrantAccessHandler(java.util.Map.of()));
        assertDoesNotThrow(() -> new SsoAssignmentHandler(java.util.Map.of()));
    }
}
