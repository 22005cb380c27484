package dev.eksaccess.bench;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessPlan;
import dev.eksaccess.access.AccessPlanner;
import dev.eksaccess.access.AwsAuthDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * P4: the pure work of one grant on an aws-auth of {@code entries} mapRoles entries: parse the
 * ConfigMap data, plan the grant (a role not yet mapped, so the plan changes something), render the
 * new data (which re-parses the rendered section to check it round-trips).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AwsAuthGrantBenchmark {

    @Param({"10", "1000", "5000"})
    public int entries;

    private Map<String, String> data;
    private AccessChange grant;

    @Setup
    public void setUp() {
        data = awsAuth(entries);
        grant = AccessChange.GrantIdentity.of(
                "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
                        + "AWSReservedSSO_NewTeam_0123456789abcdef",
                "new-team:{{SessionName}}", List.of("new-team", "viewers"));
        AccessPlan plan = AccessPlanner.plan(AwsAuthDocument.parse(data), grant);
        if (!plan.changed() || AwsAuthDocument.parse(plan.apply(data)).roles().size() != entries + 1) {
            throw new IllegalStateException("the benchmark grant must add exactly one entry");
        }
    }

    @Benchmark
    public Map<String, String> grant() {
        AwsAuthDocument doc = AwsAuthDocument.parse(data);
        AccessPlan plan = AccessPlanner.plan(doc, grant);
        return plan.apply(data);
    }

    /**
     * aws-auth as eksctl and kubectl leave it: a node role first, then {@code roles} mapRoles entries in
     * all, a few users and an account.
     */
    static Map<String, String> awsAuth(int roles) {
        StringBuilder mapRoles = new StringBuilder();
        mapRoles.append("- rolearn: arn:aws:iam::111122223333:role/eks-node-group-NodeInstanceRole\n")
                .append("  username: system:node:{{EC2PrivateDNSName}}\n")
                .append("  groups:\n  - system:bootstrappers\n  - system:nodes\n");
        for (int i = 1; i < roles; i++) {
            mapRoles.append("- rolearn: arn:aws:iam::111122223333:role/team-").append(i).append('\n')
                    .append("  username: team-").append(i).append(":{{SessionName}}\n")
                    .append("  groups:\n  - team-").append(i).append("\n  - viewers\n");
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("mapRoles", mapRoles.toString());
        data.put("mapUsers", "- userarn: arn:aws:iam::111122223333:user/alice\n  username: alice\n"
                + "  groups:\n  - eks-viewers\n");
        data.put("mapAccounts", "- \"444455556666\"\n");
        return data;
    }
}
