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
 * Runs the shaded {@code cli/target/eks-access.jar} (or the token jar, or the launcher itself) in its own
 * process with the launcher's flags, in a controlled environment: every inherited AWS_* and EKS_ACCESS_*
 * variable is removed first, so the host's credentials and settings can neither help nor leak into a test.
 */
final class JarProcess {
    static final long TIMEOUT_SECONDS = 60;

    private JarProcess() {
    }

    static Path jar() {
        return built("eksaccess.jar", "target/eks-access.jar");
    }

    /** The jar the launcher runs {@code token} from (cli/pom.xml, execution token-jar). */
    static Path tokenJar() {
        return built("eksaccess.tokenJar", "target/eks-access-token.jar");
    }

    private static Path built(String property, String fallback) {
        Path jar = Path.of(System.getProperty(property, fallback));
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
        command.addAll(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return start(command, workDir, env);
    }

    /** {@code java <launcher's token flags> -jar eks-access-token.jar token args}, without the CDS archive. */
    static CliRun runTokenJar(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-XX:-UsePerfData", "-Xshare:auto", "-jar", tokenJar().toAbsolutePath().toString(), "token"));
        command.addAll(List.of(args));
        return start(command, workDir, env);
    }

    /** The ./eks-access launcher of this checkout, as a user runs it. */
    static CliRun runLauncher(Path root, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("eks-access").toString()));
        command.addAll(List.of(args));
        return start(command, root, env);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static CliRun start(List<String> command, Path workDir, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("EKS_ACCESS_"));
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
