package dev.eksaccess.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AccessRefusedException;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.ManagedArns;
import dev.eksaccess.eks.AwsAuthMigrator;
import dev.eksaccess.eks.AwsAuthMigrator.Outcome;
import dev.eksaccess.eks.Environment;
import dev.eksaccess.testkit.EksAccessEntriesServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration of "prod" (API_AND_CONFIG_MAP) from aws-auth to access entries, on moto (IAM for the roles'
 * paths), its Kubernetes API (aws-auth, never written) and the testkit's access-entry API.
 */
class MigrateAwsAuthTest {
    static final String SSO = "AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    static final String SSO_FULL = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/" + SSO;
    static final String PLATFORM_ADMIN = "arn:aws:iam::111122223333:role/platform-admin";
    static final String ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    static final ClusterRef PROD = new ClusterRef("prod", LocalCloud.REGION, null);

    AccessEntriesCloud aws;
    LocalCloud cloud;
    EksAccessEntriesServer eks;
    AwsAuthMigrator migrator;

    @BeforeEach
    void start() {
        aws = new AccessEntriesCloud("prod", "API_AND_CONFIG_MAP").roles("/", "platform-admin")
                .roles("/aws-reserved/sso.amazonaws.com/eu-west-1/", SSO);
        cloud = aws.cloud;
        eks = aws.eks;
        eks.seed("prod", "arn:aws:iam::111122223333:user/alice", "STANDARD");
        ConfigMap cm = cloud.awsAuth(cloud.prod);
        cm.getData().put("mapRoles", cm.getData().get("mapRoles")
                + "- rolearn: arn:aws:iam::111122223333:role/" + SSO + "\n  username: admin:{{SessionName}}\n"
                + "  groups: [system:masters]\n"
                + "- rolearn: arn:aws:iam::111122223333:role/auditor\n  username: auditor\n  groups: [system:authenticated]\n"
                + "- rolearn: arn:aws:iam::111122223333:role/ops\n  username: eks:ops\n  groups: [ops]\n"
                + "- rolearn: arn:aws:iam::111122223333:role/deleted-role\n  username: gone\n  groups: [ops]\n");
        cm.getMetadata().setAnnotations(Map.of(ManagedArns.ANNOTATION, ("arn:aws:iam::111122223333:role/" + SSO)
                .toLowerCase()));
        cloud.prod.adminClient().configMaps().inNamespace("kube-system").resource(cm).update();
        cloud.prod.clearCalls();
        migrator = AwsAuthMigrator.fromEnvironment(Environment.of(aws.env));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void whatCanBeExpressedIsCopiedWithFullArnsAndTheRestIsReported() {
        List<AwsAuthMigrator.Line> dry = migrator.migrate(PROD, true);
        assertEquals(List.of("ListAccessEntries prod"), eks.calls(), "a dry run only reads, and lists once");
        assertEquals(2, dry.stream().filter(l -> l.outcome() == Outcome.WOULD_CREATE).count(), dry.toString());

        eks.clearCalls();
        List<AwsAuthMigrator.Line> report = migrator.migrate(PROD, false);
        assertEquals(1, eks.calls().stream().filter(c -> c.startsWith("ListAccessEntries")).count(),
                "one listing serves every copy: " + eks.calls());
        Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
        report.forEach(l -> outcomes.put(l.identity(), l.outcome()));
        assertEquals(Map.of(
                "arn:aws:iam::111122223333:role/eks-node-group-NodeInstanceRole", Outcome.SKIPPED,
                "arn:aws:iam::111122223333:role/platform-admin", Outcome.CREATED,
                "arn:aws:iam::111122223333:role/" + SSO, Outcome.CREATED,
                "arn:aws:iam::111122223333:role/auditor", Outcome.SKIPPED,
                "arn:aws:iam::111122223333:role/ops", Outcome.SKIPPED,
                "arn:aws:iam::111122223333:role/deleted-role", Outcome.SKIPPED,
                "arn:aws:iam::111122223333:user/alice", Outcome.EXISTS,
                "444455556666", Outcome.SKIPPED), outcomes, report.toString());
        assertTrue(reason(report, "auditor").contains("system:authenticated has no access-entry equivalent"));
        assertTrue(reason(report, "role/ops").contains("refuse usernames starting with"));
        assertTrue(reason(report, "deleted-role").contains("role not found in IAM"));
        assertTrue(reason(report, "NodeInstanceRole").contains("maps nodes"));

        EksAccessEntriesServer.Entry sso = eks.entries("prod").stream().filter(e -> e.principalArn().equals(SSO_FULL))
                .findFirst().orElseThrow();
        assertEquals(Map.of("eks-access.dev/managed", "true"), sso.tags(), "still managed, so SSO revokes find it");
        assertEquals(Map.of(ADMIN_POLICY, List.of()), sso.policies());
        assertEquals("admin:{{SessionName}}", sso.username());
        EksAccessEntriesServer.Entry admin = eks.entries("prod").stream()
                .filter(e -> e.principalArn().endsWith("role/platform-admin")).findFirst().orElseThrow();
        assertEquals(Map.of(), admin.tags(), "hand-made in aws-auth, hand-made as an access entry");
        assertEquals(0, cloud.prod.awsAuthWrites(), "aws-auth is left as it is");

        List<AwsAuthMigrator.Line> again = migrator.migrate(PROD, false);
        assertEquals(0, again.stream().filter(l -> l.outcome() == Outcome.CREATED).count(), "a second run copies nothing");
        assertEquals(3, again.stream().filter(l -> l.outcome() == Outcome.EXISTS).count());
    }

    @Test
    void aCopyThatFailsHalfWayIsUndoneAndARerunMakesItWhole() {
        // The first AssociateAccessPolicy (platform-admin's, system:masters) is refused once, after its
        // CreateAccessEntry went through.
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        try (AwsProxy proxy = AwsProxy.start(eks.endpoint(), (exchange, body) -> {
            if (!exchange.getRequestURI().getRawPath().endsWith("/access-policies")
                    || !exchange.getRequestMethod().equals("POST") || refused.getAndIncrement() > 0) {
                return false;
            }
            AwsProxy.reply(exchange, 403, Map.of("x-amzn-ErrorType", "AccessDeniedException"),
                    "{\"message\":\"not authorized: eks:AssociateAccessPolicy\"}".getBytes());
            return true;
        })) {
            Map<String, String> env = new java.util.LinkedHashMap<>(cloud.env());
            env.put("AWS_ENDPOINT_URL_EKS", proxy.url().toString());
            AwsAuthMigrator failing = AwsAuthMigrator.fromEnvironment(Environment.of(env));
            List<AwsAuthMigrator.Line> first = failing.migrate(PROD, false);
            assertEquals(Outcome.FAILED, outcome(first, "platform-admin"), first.toString());
            assertTrue(reason(first, "platform-admin").contains("deleted again: nothing is changed, so a re-run "
                    + "copies it whole"), first.toString());
            assertTrue(eks.entries("prod").stream().noneMatch(e -> e.principalArn().equals(PLATFORM_ADMIN)),
                    "no half-made entry left for EKS to use in place of the aws-auth mapping");
            assertEquals(Outcome.CREATED, outcome(first, SSO), "the others go on");

            List<AwsAuthMigrator.Line> second = failing.migrate(PROD, false);
            assertEquals(Outcome.CREATED, outcome(second, "platform-admin"), second.toString());
            assertEquals(Map.of(ADMIN_POLICY, List.of()), eks.entries("prod").stream()
                    .filter(e -> e.principalArn().equals(PLATFORM_ADMIN)).findFirst().orElseThrow().policies());
        }
    }

    @Test
    void anAwsAuthEntryWithAnIamPathIsNotCopied() {
        // aws-auth never matched it (the authenticator compares ARNs without a path): copying it would make
        // an access entry grant what aws-auth never did.
        ConfigMap cm = cloud.awsAuth(cloud.prod);
        cm.getData().put("mapRoles", cm.getData().get("mapRoles")
                + "- rolearn: arn:aws:iam::111122223333:role/team/platform-admin\n  username: x\n  groups: [system:masters]\n");
        cloud.prod.adminClient().configMaps().inNamespace("kube-system").resource(cm).update();

        List<AwsAuthMigrator.Line> report = migrator.migrate(PROD, false);
        assertEquals(Outcome.SKIPPED, outcome(report, "role/team/platform-admin"), report.toString());
        assertTrue(reason(report, "role/team/platform-admin").contains("never matches"), report.toString());
        EksAccessEntriesServer.Entry admin = eks.entries("prod").stream()
                .filter(e -> e.principalArn().endsWith("role/platform-admin")).findFirst().orElseThrow();
        assertEquals(Map.of(ADMIN_POLICY, List.of()), admin.policies(),
                "the path-less entry, which aws-auth does use, is the one copied");
        assertEquals("platform-admin", admin.username());
    }

    static Outcome outcome(List<AwsAuthMigrator.Line> report, String identityPart) {
        return report.stream().filter(l -> l.identity().contains(identityPart)).findFirst().orElseThrow().outcome();
    }

    @Test
    void aClusterStillOnConfigMapIsRefused() {
        eks.authenticationMode("prod", "CONFIG_MAP");
        AccessRefusedException e = assertThrows(AccessRefusedException.class, () -> migrator.migrate(PROD, false));
        assertTrue(e.getMessage().contains("authenticationMode=API_AND_CONFIG_MAP"), e.getMessage());
    }

    static String reason(List<AwsAuthMigrator.Line> report, String identityPart) {
        return report.stream().filter(l -> l.identity().contains(identityPart)).findFirst().orElseThrow().detail();
    }
}
