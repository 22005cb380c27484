package dev.eksaccess.cli;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.ListedMapping;
import dev.eksaccess.eks.AwsAuthConfigMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eks-access list}: the entries of aws-auth, like {@code eksctl get iamidentitymapping}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the aws-auth mappings.")
final class ListCommand implements Callable<Integer> {

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "aws-auth ConfigMap manifest.")
    Path file;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    MappingListFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AwsAuthConfigMap configMap = new ManifestFileStore(file).read().orElseThrow();
        List<ListedMapping> entries = AwsAuthDocument.parse(configMap.data()).list();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.render(entries));
        out.flush();
        return 0;
    }
}
