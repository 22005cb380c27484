package dev.eksaccess.cli;

import dev.eksaccess.access.ClusterRef;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where aws-auth is: a manifest file, or a live cluster reached with the default AWS credentials. */
final class TargetOptions {
    @Option(names = "--file", paramLabel = "FILE",
            description = "aws-auth ConfigMap manifest (kubectl get cm aws-auth -n kube-system -o yaml); "
                    + "grant/revoke rewrite it in place, atomically.")
    Path file;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "EKS cluster name: work on the live cluster (default AWS credentials, like eksctl).")
    String cluster;

    @Mixin
    RegionOption region;

    /** Checks that exactly one target was given; usage error (exit 2) otherwise. */
    void validate(CommandLine cli) {
        if ((file == null) == (cluster == null)) {
            throw new CommandLine.ParameterException(cli, "give exactly one of --file FILE or --cluster NAME");
        }
        if (file != null && region.region != null) {
            throw new CommandLine.ParameterException(cli, "--region applies only to --cluster");
        }
    }

    boolean isFile() {
        return file != null;
    }

    ClusterRef clusterRef() {
        return new ClusterRef(ClusterRef.checkName("--cluster", cluster),
                ClusterRef.checkRegion("--region", region.resolve()), null);
    }
}
