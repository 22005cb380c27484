package dev.eksaccess.cli;

import dev.eksaccess.access.InvalidInputException;
import picocli.CommandLine.Option;

/** {@code --region}, falling back to AWS_REGION and AWS_DEFAULT_REGION as the AWS CLI does. */
final class RegionOption {
    static final String DESCRIPTION = "AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION).";

    @Option(names = "--region", description = DESCRIPTION)
    String region;

    String resolve() {
        return resolve(region);
    }

    /** The given region, else AWS_REGION, else AWS_DEFAULT_REGION; none of them is an input error. */
    static String resolve(String given) {
        for (String candidate : new String[] {given, System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION")}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new InvalidInputException("--region", "is required (or set AWS_REGION / AWS_DEFAULT_REGION)");
    }
}
