package dev.eksaccess.cli;

import picocli.CommandLine.Option;

/** Exactly one of --arn or --account. */
final class IdentityOptions {
    @Option(names = "--arn", required = true, paramLabel = "ARN",
            description = "IAM role or user ARN (role or user is taken from the ARN).")
    String arn;

    @Option(names = "--account", required = true, paramLabel = "ID", description = "12-digit account ID, for mapAccounts.")
    String account;
}
