package dev.eksaccess.cli;

import dev.eksaccess.access.InvalidInputException;
import picocli.CommandLine.Option;

/** {@code --region}, falling back to AWS_REGION and AWS_DEFAULT_REGION as the AWS CLI does. */
final class RegionOption {
    @Option(names = "--region", description = "AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION).")
    String region;

    String resolve() {
        for (String candidate : new String[] {region, System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION")}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new InvalidInputException("--region", "is required (or set AWS_REGION / AWS_DEFAULT_REGION)");
    }
}
