package dev.eksaccess.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a fresh process and times it from start to exit (stdout and stderr go to files),
 * or from start to the stdout line that says its work is done ({@link #runUntilLine}).
 */
final class Processes {
    static final long TIMEOUT_SECONDS = 120;

    /** What one run did; {@code seconds} is wall time from just before the start to the exit (or the done line). */
    record Run(int exitCode, double seconds, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        String failure() {
            String err = stderr.isBlank() ? stdout : stderr;
            String[] lines = err.strip().split("\n");
            return "exit " + exitCode + ": " + String.join(" | ",
                    List.of(lines).subList(Math.max(0, lines.length - 5), lines.length));
        }
    }

    private Processes() {
    }

    /** {@code env} replaces the inherited environment entirely. */
    static Run run(List<String> command, Map<String, String> env, Path workDir) {
        return runUntilLine(command, env, workDir, line -> false);
    }

    /**
     * As {@link #run}, but {@code seconds} ends when the process prints a line {@code done} accepts (its
     * work is done; the process still runs to its exit, untimed), or at the exit if it never does. For
     * "time to the first response": a JVM's exit can take longer than the work (VM exit waits up to 0.3 s
     * for threads still in native code, such as HTTP clients' selector threads), which a Lambda container,
     * kept alive after the response, never pays.
     */
    static Run runUntilLine(List<String> command, Map<String, String> env, Path workDir,
                            java.util.function.Predicate<String> done) {
        try {
            Path err = Files.createTempFile("bench-err-", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                builder.environment().clear();
                builder.environment().putAll(env);
                long start = System.nanoTime();
                Process process = builder.start();
                StringBuilder stdout = new StringBuilder();
                long doneAt = 0;
                try (java.io.BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (doneAt == 0 && done.test(line)) {
                            doneAt = System.nanoTime();
                        }
                        stdout.append(line).append('\n');
                    }
                }
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new Run(-1, TIMEOUT_SECONDS, stdout.toString(), "timed out after " + TIMEOUT_SECONDS + " s");
                }
                double seconds = ((doneAt != 0 ? doneAt : System.nanoTime()) - start) / 1e9;
                return new Run(process.exitValue(), seconds, stdout.toString(), read(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The executable's path if it is on PATH. */
    static java.util.Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
