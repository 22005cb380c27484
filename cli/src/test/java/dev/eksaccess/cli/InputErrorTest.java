package dev.eksaccess.cli;

import static dev.eksaccess.cli.Manifests.AWS_AUTH;
import static dev.eksaccess.cli.Manifests.SSO_ROLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad values exit 1 naming the field and the rule; bad command lines exit 2. The file is never touched. */
class InputErrorTest {
    @TempDir
    Path dir;

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of("not an ARN", List.of("grant", "--arn", "arn:aws:iam::111122223333:group/admins"),
                        "arn: must be an IAM role or user ARN"),
                Arguments.of("11-digit account in the ARN",
                        List.of("grant", "--arn", "arn:aws:iam::11112222333:role/x"),
                        "arn account: must be a 12-digit AWS account ID"),
                Arguments.of("11-digit --account", List.of("grant", "--account", "11112222333"),
                        "--account: must be a 12-digit AWS account ID (got '11112222333')"),
                Arguments.of("11-digit --account on revoke", List.of("revoke", "--account", "11112222333"),
                        "--account: must be a 12-digit AWS account ID"),
                Arguments.of("unknown placeholder", List.of("grant", "--arn", SSO_ROLE, "--username", "{{Unknown}}"),
                        "username: unknown placeholder {{Unknown}}"),
                Arguments.of("group with a newline",
                        List.of("grant", "--arn", SSO_ROLE, "--group", "view", "--group", "ops\nsystem:masters"),
                        "groups[1]: must not contain control"),
                Arguments.of("STS session ARN",
                        List.of("revoke", "--arn", "arn:aws:sts::111122223333:assumed-role/Admin/alice"),
                        "arn: is an STS assumed-role session ARN"),
                Arguments.of("granting node groups", List.of("grant", "--arn", SSO_ROLE, "--group", "system:nodes"),
                        "refusing to create a node mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void invalidInputExits1NamingFieldAndRule(String why, List<String> args, String expectedError) {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = CliRun.of(withFile(args, file));

        assertEquals(1, run.exitCode(), run.transcript());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: ") && run.err().contains(expectedError), run.transcript());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("neither --arn nor --account", List.of("grant", "--username", "x"),
                        "Missing required argument"),
                Arguments.of("both --arn and --account",
                        List.of("revoke", "--arn", SSO_ROLE, "--account", "111122223333"),
                        "mutually exclusive"),
                Arguments.of("unknown flag", List.of("grant", "--arn", SSO_ROLE, "--force"),
                        "Unknown option: '--force'"),
                Arguments.of("--username with --account",
                        List.of("grant", "--account", "111122223333", "--username", "x"),
                        "do not apply to --account"),
                Arguments.of("-o other than -", List.of("grant", "--arn", SSO_ROLE, "-o", "out.yaml"),
                        "-o/--output takes only '-'"),
                Arguments.of("unknown list format", List.of("list", "-o", "xml"),
                        "Invalid value for option '--output'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorExits2WithUsage(String why, List<String> args, String expectedError) {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = CliRun.of(withFile(args, file));

        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(expectedError) && run.err().contains("Usage: eks-access"), run.transcript());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLinesWithoutAFile")
    void usageErrorsWithoutAFile(String why, List<String> args, String expectedError) {
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(expectedError), run.transcript());
    }

    static Stream<Arguments> commandLinesWithoutAFile() {
        return Stream.of(
                Arguments.of("no subcommand", List.of(), "a command is required (token, grant, revoke, list, reconcile, migrate, invoke, sandbox)"),
                Arguments.of("unknown subcommand", List.of("delete"), "Unmatched argument"),
                Arguments.of("grant without --file", List.of("grant", "--arn", SSO_ROLE), "--file"),
                Arguments.of("token without --cluster-name", List.of("token", "--region", "eu-north-1"),
                        "Missing required option: '--cluster-name"));
    }

    private static String[] withFile(List<String> args, Path file) {
        List<String> all = new ArrayList<>(args);
        all.addAll(1, List.of("--file", file.toString()));
        return all.toArray(String[]::new);
    }
}
