package dev.eksaccess.cli.sandbox;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.testkit.IdentityCenterServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** events/sandbox.yaml: the accounts, reserved roles and clusters the sandbox creates. */
public record SandboxSpec(String region, AccountId provisionerAccount, String targetRoleName,
                          Map<AccountId, List<IamRoleArn>> reservedRoles, List<Cluster> clusters,
                          IdentityCenter identityCenter, String accessPolicy) {

    /** The Identity Center instance: permission sets (name to ARN) and the assignments that exist. */
    public record IdentityCenter(String instanceArn, Map<String, String> permissionSets,
                                 List<IdentityCenterServer.Assignment> assignments) {
        static final IdentityCenter NONE = new IdentityCenter("arn:aws:sso:::instance/ssoins-0000000000000000",
                Map.of(), List.of());
    }

    /**
     * One cluster and the aws-auth data it starts with.
     *
     * @param managedArns the entries recorded as made by eks-access (the ConfigMap's managed-arns annotation),
     *                    so that a sandbox can start with drift for reconcile to find
     * @param authenticationMode CONFIG_MAP (default), API_AND_CONFIG_MAP or API, as DescribeCluster reports it
     * @param accessEntries for API modes: access entries it starts with, principal ARN to type (EC2_LINUX for nodes)
     */
    public record Cluster(ClusterRef ref, Map<String, String> tags, Map<String, String> awsAuth,
                          List<String> managedArns, String authenticationMode, Map<String, String> accessEntries) {
        public Cluster {
            managedArns = List.copyOf(managedArns);
            authenticationMode = authenticationMode == null ? "CONFIG_MAP" : authenticationMode;
            accessEntries = accessEntries == null ? Map.of() : accessEntries;
        }

        public Cluster(ClusterRef ref, Map<String, String> tags, Map<String, String> awsAuth, List<String> managedArns) {
            this(ref, tags, awsAuth, managedArns, "CONFIG_MAP", Map.of());
        }

        public boolean servesAccessEntries() {
            return !authenticationMode.equals("CONFIG_MAP");
        }
    }

    public static SandboxSpec load(Path file) {
        Object loaded;
        try {
            loaded = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sandbox spec " + file, e);
        } catch (YamlEngineException e) {
            throw new InvalidInputException(file.toString(), "is not valid YAML: " + e.getMessage());
        }
        Map<String, Object> root = map(loaded, "(root)");
        String region = ClusterRef.checkRegion("region", string(root, "region", "(root)"));
        AccountId provisioner = AccountId.of("provisionerAccount", string(root, "provisionerAccount", "(root)"));
        Object target = root.getOrDefault("targetRoleName", "EksAccessProvisionerTarget");
        Map<AccountId, List<IamRoleArn>> roles = new LinkedHashMap<>();
        map(root.getOrDefault("accounts", Map.of()), "accounts").forEach((id, value) -> {
            AccountId account = AccountId.of("accounts." + id, id);
            List<IamRoleArn> list = new ArrayList<>();
            Object paths = map(value == null ? Map.of() : value, "accounts." + id).getOrDefault("reservedRoles", List.of());
            for (Object path : list(paths, "accounts." + id + ".reservedRoles")) {
                list.add(IamRoleArn.parse("accounts." + id + ".reservedRoles",
                        "arn:aws:iam::" + account.value() + ":role" + path));
            }
            roles.put(account, list);
        });
        List<Cluster> clusters = new ArrayList<>();
        List<Object> items = list(root.get("clusters"), "clusters");
        for (int i = 0; i < items.size(); i++) {
            String at = "clusters[" + i + "]";
            Map<String, Object> c = map(items.get(i), at);
            String clusterRegion = c.containsKey("region") ? string(c, "region", at) : region;
            ClusterRef ref = new ClusterRef(ClusterRef.checkName(at + ".name", string(c, "name", at)),
                    clusterRegion, AccountId.of(at + ".account", string(c, "account", at)));
            List<String> managed = new ArrayList<>();
            List<Object> arns = c.containsKey("managedArns") ? list(c.get("managedArns"), at + ".managedArns") : List.of();
            for (int j = 0; j < arns.size(); j++) {
                // Only roles are ever managed; recorded as aws-auth has them (no path), as the provisioner records them.
                managed.add(IamRoleArn.parse(at + ".managedArns[" + j + "]", String.valueOf(arns.get(j))).awsAuthArn());
            }
            String mode = c.containsKey("authenticationMode") ? string(c, "authenticationMode", at) : "CONFIG_MAP";
            if (!List.of("CONFIG_MAP", "API_AND_CONFIG_MAP", "API").contains(mode)) {
                throw new InvalidInputException(at + ".authenticationMode", "must be CONFIG_MAP, API_AND_CONFIG_MAP or API");
            }
            Map<String, String> entries = strings(c.get("accessEntries"), at + ".accessEntries");
            if (!entries.isEmpty() && mode.equals("CONFIG_MAP")) {
                throw new InvalidInputException(at + ".accessEntries", "need authenticationMode API or API_AND_CONFIG_MAP");
            }
            clusters.add(new Cluster(ref, strings(c.get("tags"), at + ".tags"), strings(c.get("awsAuth"), at + ".awsAuth"),
                    managed, mode, entries));
        }
        Object policy = root.get("accessPolicy");
        return new SandboxSpec(region, provisioner, String.valueOf(target), roles, clusters,
                identityCenter(root.get("identityCenter")), policy == null ? null : String.valueOf(policy));
    }

    private static IdentityCenter identityCenter(Object value) {
        if (value == null) {
            return IdentityCenter.NONE;
        }
        Map<String, Object> ic = map(value, "identityCenter");
        Map<String, String> sets = strings(ic.get("permissionSets"), "identityCenter.permissionSets");
        Map<String, String> principals = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        strings(ic.get("users"), "identityCenter.users").forEach((k, v) -> {
            principals.put(k, v);
            types.put(k, "USER");
        });
        strings(ic.get("groups"), "identityCenter.groups").forEach((k, v) -> {
            principals.put(k, v);
            types.put(k, "GROUP");
        });
        List<IdentityCenterServer.Assignment> assignments = new ArrayList<>();
        List<Object> items = ic.containsKey("assignments") ? list(ic.get("assignments"), "identityCenter.assignments")
                : List.of();
        for (int i = 0; i < items.size(); i++) {
            String at = "identityCenter.assignments[" + i + "]";
            Map<String, Object> a = map(items.get(i), at);
            String set = string(a, "permissionSet", at);
            String principal = string(a, "principal", at);
            if (!sets.containsKey(set) || !principals.containsKey(principal)) {
                throw new InvalidInputException(at, "names an unknown permission set or principal");
            }
            assignments.add(new IdentityCenterServer.Assignment(AccountId.of(at + ".account", string(a, "account", at))
                    .value(), sets.get(set), types.get(principal), principals.get(principal)));
        }
        return new IdentityCenter(string(ic, "instanceArn", "identityCenter"), sets, assignments);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String at) {
        if (!(value instanceof Map)) {
            throw new InvalidInputException(at, "must be a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String at) {
        if (!(value instanceof List)) {
            throw new InvalidInputException(at, "must be a list");
        }
        return (List<Object>) value;
    }

    static String string(Map<String, Object> map, String key, String at) {
        Object v = map.get(key);
        if (!(v instanceof String s)) {
            throw new InvalidInputException(at + "." + key, "is required and must be a string (quote account IDs)");
        }
        return s;
    }

    private static Map<String, String> strings(Object value, String at) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value != null) {
            map(value, at).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        }
        return out;
    }
}
