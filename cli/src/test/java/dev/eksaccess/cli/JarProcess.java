package dev.eksaccess.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shaded {@code cli/target/eks-access.jar} in its own JVM with the launcher's flags, in a
 * controlled environment: every inherited AWS_* variable is removed first, so the host's credentials
 * and region can neither help nor leak into a test.
 */
final class JarProcess {
    static final long TIMEOUT_SECONDS = 60;

    private JarProcess() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("eksaccess.jar", "target/eks-access.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; run 'mvn -pl cli verify' (package builds it)");
        }
        return jar;
    }

    /** {@code java <launcher flags> -jar eks-access.jar args}, optionally behind a shell prefix such as ulimit. */
    static CliRun run(Path workDir, Map<String, String> env, List<String> shellPrefix, String... args) {
        List<String> command = new ArrayList<>();
        if (!shellPrefix.isEmpty()) {
            command.addAll(List.of("/bin/sh", "-c", String.join(" ", shellPrefix) + " && exec \"$@\"", "sh"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("EKS_ACCESS_DEBUG"));
        builder.environment().putAll(env);
        try {
            File out = Files.createTempFile("eks-access-it", ".out").toFile();
            File err = Files.createTempFile("eks-access-it", ".err").toFile();
            try {
                Process process = builder.redirectOutput(out).redirectError(err).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("eks-access did not finish in " + TIMEOUT_SECONDS + " s: " + command);
                }
                return new CliRun(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                        Files.readString(err.toPath(), StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out.toPath());
                Files.deleteIfExists(err.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
