package dev.eksaccess.cli;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.ListedMapping;
import dev.eksaccess.eks.AwsAuthConfigMap;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import dev.eksaccess.eks.AccessProvisioner;
import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.eks.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eks-access list}: the entries of aws-auth, like {@code eksctl get iamidentitymapping}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the aws-auth mappings (and the access entries of clusters in API or API_AND_CONFIG_MAP mode).")
final class ListCommand implements Callable<Integer> {

    @Mixin
    TargetOptions target;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    MappingListFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        target.validate(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        List<ListedMapping> entries;
        if (target.isFile()) {
            AwsAuthConfigMap configMap = new ManifestFileStore(target.file).read().orElseThrow();
            entries = AwsAuthDocument.parse(configMap.data()).list();
        } else {
            ClusterResult result = AccessProvisioner.fromEnvironment(Environment.system())
                    .list(List.of(target.clusterRef())).get(0);
            if (result.failed()) {
                return ClusterOutput.print(List.of(result), false, out, spec.commandLine().getErr());
            }
            entries = result.entries();
        }
        out.print(format.render(entries));
        out.flush();
        return 0;
    }
}
