package dev.eksaccess.cli;

import dev.eksaccess.eks.EksToken;
import dev.eksaccess.eks.EksTokenPresigner;
import dev.eksaccess.handler.Json;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** Prints an ExecCredential, like {@code aws eks get-token}, so kubeconfig can use it as exec plugin. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print an EKS bearer token as a client.authentication.k8s.io/v1beta1 ExecCredential.")
final class TokenCommand implements Callable<Integer> {

    @Option(names = "--cluster-name", required = true, description = "EKS cluster name.")
    String clusterName;

    @Mixin
    RegionOption region;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EksToken token = EksTokenPresigner.withDefaultCredentials().presign(clusterName, region.resolve());
        ObjectNode credential = Json.object();
        credential.put("kind", "ExecCredential");
        credential.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        credential.putObject("spec");
        ObjectNode status = credential.putObject("status");
        status.put("expirationTimestamp",
                DateTimeFormatter.ISO_INSTANT.format(token.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
        status.put("token", token.value());
        spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(credential));
        return 0;
    }
}
