package dev.eksaccess.bench;

import dev.eksaccess.handler.GrantAccessHandler;
import dev.eksaccess.testkit.KubeApiServer;
import dev.eksaccess.testkit.RecordedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * P6: the same grant twice on one handler instance (a warm container): the second, unchanged, must
 * make no AWS call (DescribeCluster answers and the caller's account are cached, assumed-role
 * credentials are cached by the SDK, tokens are presigned locally and reused) and one Kubernetes call
 * (the aws-auth read; an unchanged plan writes nothing). AWS calls are counted at a proxy in front of
 * moto_server, Kubernetes calls at the cluster's API. Measured for a cluster in the function's own
 * account (the sample event) and for one in another account (assumed target role).
 */
final class WarmRepeatFigure {
    private final BenchConfig config;
    private final LocalCluster cluster;

    WarmRepeatFigure(BenchConfig config, LocalCluster cluster) {
        this.config = config;
        this.cluster = cluster;
    }

    List<Figure> measure() throws Exception {
        cluster.reseed();
        List<Figure> figures = new ArrayList<>();
        try (CountingProxy aws = new CountingProxy(cluster.moto.endpoint())) {
            figures.addAll(repeat(aws, "own account", LocalCluster.CLUSTER, LocalCluster.ACCOUNT, cluster.kube));
            figures.addAll(repeat(aws, "other account", LocalCluster.OTHER_CLUSTER, LocalCluster.OTHER_ACCOUNT,
                    cluster.otherKube));
        }
        return figures;
    }

    private List<Figure> repeat(CountingProxy aws, String where, String clusterName, String account,
                                KubeApiServer kube) throws Exception {
        GrantAccessHandler handler = new GrantAccessHandler(cluster.functionEnv(aws.endpoint()));
        // The sample event's shape: an SSO role with its path, the cluster's account given.
        String request = "{\"clusters\":[{\"name\":\"" + clusterName + "\",\"region\":\"" + LocalCluster.REGION
                + "\",\"accountId\":\"" + account + "\"}],"
                + "\"arn\":\"arn:aws:iam::" + account + ":role/aws-reserved/sso.amazonaws.com/"
                + "eu-west-1/AWSReservedSSO_AdministratorAccess_0123456789abcdef\","
                + "\"username\":\"admin:{{SessionName}}\",\"groups\":[\"system:masters\"]}";
        aws.clear();
        kube.clearCalls();
        String first = ConcurrentGrantsFigure.invoke(handler, request);
        config.note("P6 (" + where + "): first invoke (cold container): AWS calls " + aws.calls()
                + ", Kubernetes calls " + kubeCalls(kube.calls()) + "; changed=" + first.contains("\"changed\":true"));
        aws.clear();
        kube.clearCalls();
        String second = ConcurrentGrantsFigure.invoke(handler, request);
        List<String> awsCalls = aws.calls();
        List<RecordedCall> kubeCalls = kube.calls();
        config.note("P6 (" + where + "): second invoke (warm, unchanged): AWS calls " + awsCalls
                + ", Kubernetes calls " + kubeCalls(kubeCalls) + "; changed=" + second.contains("\"changed\":true"));
        if (!first.contains("\"changed\":true") || second.contains("\"changed\":true")) {
            throw new IllegalStateException("P6 " + where + ": expected a change, then none: " + first + " / "
                    + second);
        }
        return List.of(
                Figure.check("P6", "AWS calls on a warm repeat of an unchanged grant, cluster in " + where,
                        String.valueOf(awsCalls.size()), "0", awsCalls.isEmpty()),
                Figure.check("P6", "Kubernetes calls on a warm repeat of an unchanged grant, cluster in " + where,
                        String.valueOf(kubeCalls.size()), "1", kubeCalls.size() == 1));
    }

    private static String kubeCalls(List<RecordedCall> calls) {
        return calls.stream().map(c -> c.method() + " " + c.path() + " " + c.status())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
