package dev.eksaccess.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessPolicyGrant;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.Backend;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.KubernetesGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The access policy is validated whole at load, and every error names its place in the document. */
class AccessPolicyParserTest {
    static final AccountId OWN = new AccountId("111122223333");
    static final AccountId OTHER = new AccountId("222222222222");

    static String fixture(String name) {
        try (InputStream in = AccessPolicyParserTest.class.getResourceAsStream("/sso/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theIssuesExamplePolicyLoads() {
        AccessPolicy policy = AccessPolicyParser.parse(fixture("policy-example.yaml"));
        assertEquals(List.of("AdministratorAccess", "ReadOnlyAccess"), List.copyOf(policy.permissionSets().keySet()));
        PermissionSetAccess admin = policy.permissionSet("AdministratorAccess").orElseThrow();
        assertEquals("admin:{{SessionName}}", admin.username().value());
        assertEquals(List.of(new KubernetesGroup("system:masters")), admin.groups());
        assertEquals(2, admin.clusters().size());
        ClusterSelector named = admin.clusters().get(0);
        assertTrue(named.byName());
        assertEquals(OTHER, named.accountId());
        ClusterSelector tagged = admin.clusters().get(1);
        assertFalse(tagged.byName());
        assertEquals(Map.of("eks-access", "enabled"), tagged.tags());
        assertTrue(policy.permissionSet("BillingAccess").isEmpty());
    }

    @Test
    void anEntryWithAnAccountAppliesOnlyToThatAccountAndOneWithoutToAny() {
        PermissionSetAccess admin = AccessPolicyParser.parse(fixture("policy-example.yaml"))
                .permissionSet("AdministratorAccess").orElseThrow();
        assertEquals(1, admin.clustersFor(OWN).size(), "the staging entry is for 222222222222 only");
        assertFalse(admin.clustersFor(OWN).get(0).byName());
        assertEquals(2, admin.clustersFor(OTHER).size());
        assertEquals("222222222222/eu-north-1/staging", admin.clustersFor(OTHER).get(0).refIn(OTHER).label());
    }

    @Test
    void jsonWithTabsIsReadAsWellAndBackendAwsAuthIsAccepted() {
        AccessPolicy policy = AccessPolicyParser.parse(fixture("policy-example.json"));
        assertEquals(2, policy.permissionSet("AdministratorAccess").orElseThrow().clusters().size());
    }

    @Test
    void backendAndAccessPoliciesAreReadPerPermissionSet() {
        AccessPolicy policy = AccessPolicyParser.parse("""
                permissionSets:
                  ReadOnlyAccess:
                    username: "viewer:{{SessionName}}"
                    backend: access-entries
                    accessPolicies:
                      - {policy: AmazonEKSViewPolicy, namespaces: [team-b, team-a]}
                      - {policy: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy", namespaces: ["dev-*"]}
                    clusters: [{region: eu-north-1, name: prod}]
                  AdministratorAccess:
                    username: admin
                    groups: [system:masters]
                    clusters: [{region: eu-north-1, name: prod}]
                """);
        PermissionSetAccess ro = policy.permissionSet("ReadOnlyAccess").orElseThrow();
        assertEquals(Backend.ACCESS_ENTRIES, ro.backend());
        assertEquals(List.of(new AccessPolicyGrant("AmazonEKSViewPolicy", List.of("team-a", "team-b")),
                new AccessPolicyGrant("AmazonEKSAdminPolicy", List.of("dev-*"))), ro.accessPolicies());
        PermissionSetAccess admin = policy.permissionSet("AdministratorAccess").orElseThrow();
        assertEquals(Backend.AUTO, admin.backend(), "each cluster's own by default");
        assertTrue(admin.accessPolicies().isEmpty());
        AccessChange.GrantIdentity grant = ro.grantFor(IamRoleArn.parse("arn",
                "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnlyAccess_0123456789abcdef"));
        assertTrue(grant.managed());
        assertEquals("/aws-reserved/sso.amazonaws.com/", grant.arn().path(), "the full ARN; aws-auth drops the path itself");
        assertEquals(ro.accessPolicies(), grant.accessPolicies());
    }

    @Test
    void tagSelectorsMatchClustersCarryingAllTheirTags() {
        ClusterSelector s = new ClusterSelector(null, "eu-north-1", null, Map.of("eks-access", "enabled", "env", "prod"));
        assertTrue(s.matchesTags(Map.of("eks-access", "enabled", "env", "prod", "team", "a")));
        assertFalse(s.matchesTags(Map.of("eks-access", "enabled")));
        assertFalse(s.matchesTags(Map.of("eks-access", "Enabled", "env", "prod")));
        assertFalse(s.matchesTags(null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad-unknown-root-key.yaml         | defaults                                          | not a known key",
        "bad-unknown-cluster-key.yaml      | permissionSets.AdministratorAccess.clusters[1].acountId | not a known key",
        "bad-missing-region.yaml           | permissionSets.AdministratorAccess.clusters[1].region | is required",
        "bad-name-and-tags.yaml            | permissionSets.ReadOnlyAccess.clusters[0]         | exactly one of name or tags",
        "bad-neither-name-nor-tags.yaml    | permissionSets.ReadOnlyAccess.clusters[0]         | exactly one of name or tags",
        "bad-permission-set-name.yaml      | permissionSets.Administrator Access               | 1-32 characters",
        "bad-permission-set-name-too-long.yaml | permissionSets.AdministratorAccessForEveryoneInTheCompany | 1-32 characters",
        "bad-username-placeholder.yaml     | permissionSets.AdministratorAccess.username        | unknown placeholder",
        "bad-group.yaml                    | permissionSets.AdministratorAccess.groups[1]       | no spaces",
        "bad-node-group.yaml               | permissionSets.AdministratorAccess.groups          | node roles",
        "bad-unquoted-account.yaml         | permissionSets.AdministratorAccess.clusters[0].accountId | quote it",
        "bad-short-account.yaml            | permissionSets.AdministratorAccess.clusters[0].accountId | 12-digit",
        "bad-region.yaml                   | permissionSets.AdministratorAccess.clusters[1].region | AWS region code",
        "bad-empty-tags.yaml               | permissionSets.ReadOnlyAccess.clusters[0].tags     | at least one tag",
        "bad-boolean-tag.yaml              | permissionSets.ReadOnlyAccess.clusters[0].tags.eks-access | quote it",
        "bad-no-clusters.yaml              | permissionSets.ReadOnlyAccess.clusters            | 1 to 100",
        "bad-missing-username.yaml         | permissionSets.ReadOnlyAccess.username            | is required",
        "bad-backend.yaml                  | permissionSets.ReadOnlyAccess.backend             | one of auto, aws-auth, access-entries",
        "bad-access-policies.yaml          | permissionSets.ReadOnlyAccess.accessPolicies[0]   | mapping {policy, namespaces?}",
        "bad-access-policies-on-aws-auth.yaml | permissionSets.ReadOnlyAccess.accessPolicies   | only on EKS access entries",
        "bad-access-entries-username.yaml  | permissionSets.ReadOnlyAccess.username            | refuse usernames starting with",
        "bad-access-entries-group.yaml     | permissionSets.ReadOnlyAccess.groups[1]           | starting with system:",
        "bad-access-policy-namespace.yaml  | permissionSets.ReadOnlyAccess.accessPolicies[0].namespaces | not a Kubernetes namespace",
        "bad-access-policy-name.yaml       | permissionSets.ReadOnlyAccess.accessPolicies[1].policy | cluster-access-policy",
        "bad-access-policy-twice.yaml      | permissionSets.ReadOnlyAccess.accessPolicies[1].policy | listed twice",
        "bad-duplicate-permission-set.yaml | policy                                            | duplicate key",
        "bad-yaml.yaml                     | policy                                            | not valid YAML or JSON",
        "bad-clusters-not-list.yaml        | permissionSets.ReadOnlyAccess.clusters            | must be a list",
        "bad-cluster-name.yaml             | permissionSets.ReadOnlyAccess.clusters[0].name    | EKS cluster name",
    })
    void errorsNameThePathInTheDocument(String file, String path, String rule) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AccessPolicyParser.parse(fixture(file)));
        assertEquals(path, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    @Test
    void emptyAndNonMappingDocumentsAreRefused() {
        assertEquals("policy", assertThrows(InvalidInputException.class, () -> AccessPolicyParser.parse("  ")).field());
        assertEquals("policy", assertThrows(InvalidInputException.class,
                () -> AccessPolicyParser.parse("- a\n- b")).field());
        assertEquals("permissionSets", assertThrows(InvalidInputException.class,
                () -> AccessPolicyParser.parse("permissionSets: [a]")).field());
    }

    @Test
    void anEmptyPermissionSetMapIsAPolicyThatGrantsNothing() {
        assertTrue(AccessPolicyParser.parse("permissionSets: {}").permissionSets().isEmpty());
    }
}
