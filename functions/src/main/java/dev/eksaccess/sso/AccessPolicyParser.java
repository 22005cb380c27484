package dev.eksaccess.sso;

import dev.eksaccess.access.AccessPolicyGrant;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.Backend;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.KubernetesGroup;
import dev.eksaccess.access.Printable;
import dev.eksaccess.access.UsernameTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the access policy (YAML, or JSON, which YAML 1.2 reads as well) and validates all of it at load.
 * Every error names its place as a path ({@code permissionSets.Admin.clusters[1].region}) and the rule.
 * Unknown keys are errors, so a typo cannot silently widen or narrow access.
 */
public final class AccessPolicyParser {
    static final int MAX_CLUSTERS = 100;
    static final int MAX_GROUPS = 64;
    static final int MAX_POLICIES = 20;
    /** 512 KiB: a policy in a Lambda variable has 4 KB, one in SSM 8 KB. */
    static final int MAX_POLICY_CHARS = 512 * 1024;
    private static final Set<String> ROOT_KEYS = Set.of("permissionSets");
    private static final Set<String> PERMISSION_SET_KEYS =
            Set.of("username", "groups", "clusters", "backend", "accessPolicies");
    private static final Set<String> CLUSTER_KEYS = Set.of("accountId", "region", "name", "tags");
    private static final Set<String> ACCESS_POLICY_KEYS = Set.of("policy", "namespaces");

    private AccessPolicyParser() {
    }

    public static AccessPolicy parse(String text) {
        Object root = load(text);
        Map<String, Object> top = map(root, "policy", "must be a mapping with key permissionSets");
        allowOnly(top, "", ROOT_KEYS);
        Map<String, Object> sets = map(required(top, "permissionSets", ""), "permissionSets",
                "must be a mapping from permission set name to its access");
        Map<String, PermissionSetAccess> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : sets.entrySet()) {
            String path = "permissionSets." + e.getKey();
            PermissionSetName.check(path, e.getKey());
            parsed.put(e.getKey(), permissionSet(e.getKey(), e.getValue(), path));
        }
        return new AccessPolicy(parsed);
    }

    private static Object load(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("policy", "is empty; expected a mapping with key permissionSets");
        }
        // snakeyaml-engine's own limit does not count comments; a policy this large is a mistake anyway.
        if (text.length() > MAX_POLICY_CHARS) {
            throw new InvalidInputException("policy", "must be at most " + MAX_POLICY_CHARS + " characters (got "
                    + text.length() + ")");
        }
        LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(20).setCodePointLimit(MAX_POLICY_CHARS).build();
        try {
            return new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> " at line " + (m.getLine() + 1) + ", column "
                    + (m.getColumn() + 1)).orElse("");
            throw new InvalidInputException("policy", "is not valid YAML or JSON: " + Printable.of(e.getProblem())
                    + where);
        } catch (YamlEngineException e) {
            throw new InvalidInputException("policy", "is not valid YAML or JSON: "
                    + Printable.of(e.getMessage().replace('\n', ' ')));
        }
    }

    private static PermissionSetAccess permissionSet(String name, Object value, String path) {
        Map<String, Object> ps = map(value, path, "must be a mapping with username, groups and clusters");
        allowOnly(ps, path + ".", PERMISSION_SET_KEYS);
        Backend backend = Backend.of(path + ".backend",
                ps.get("backend") == null ? null : string(ps.get("backend"), path + ".backend"));
        List<AccessPolicyGrant> accessPolicies = accessPolicies(ps.get("accessPolicies"), path + ".accessPolicies");
        UsernameTemplate username = UsernameTemplate.of(path + ".username",
                string(required(ps, "username", path + "."), path + ".username"));
        List<KubernetesGroup> groups = new ArrayList<>();
        if (ps.get("groups") != null) {
            List<Object> raw = list(ps.get("groups"), path + ".groups", "must be a list of group names");
            if (raw.size() > MAX_GROUPS) {
                throw new InvalidInputException(path + ".groups", "at most " + MAX_GROUPS + " groups (got "
                        + raw.size() + ")");
            }
            for (int i = 0; i < raw.size(); i++) {
                String field = path + ".groups[" + i + "]";
                groups.add(KubernetesGroup.of(field, string(raw.get(i), field)));
            }
        }
        List<Object> raw = list(required(ps, "clusters", path + "."), path + ".clusters",
                "must be a list of {region, name} or {region, tags} entries");
        if (raw.isEmpty() || raw.size() > MAX_CLUSTERS) {
            throw new InvalidInputException(path + ".clusters", "list 1 to " + MAX_CLUSTERS + " clusters (got "
                    + raw.size() + ")");
        }
        List<ClusterSelector> clusters = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            clusters.add(cluster(raw.get(i), path + ".clusters[" + i + "]"));
        }
        try {
            return new PermissionSetAccess(name, username, groups, clusters, backend, accessPolicies);
        } catch (InvalidInputException e) {
            // The record names its own field; put it where it is in the document.
            throw new InvalidInputException(path + "." + e.field(), e.getMessage().substring(e.field().length() + 2));
        }
    }

    /** {@code [{policy: AmazonEKSViewPolicy, namespaces: [team-a]}, {policy: AmazonEKSEditPolicy}]}; none when absent. */
    private static List<AccessPolicyGrant> accessPolicies(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        List<Object> raw = list(value, path, "must be a list of {policy, namespaces?} entries");
        if (raw.size() > MAX_POLICIES) {
            throw new InvalidInputException(path, "at most " + MAX_POLICIES + " policies (got " + raw.size() + ")");
        }
        List<AccessPolicyGrant> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = path + "[" + i + "]";
            Map<String, Object> p = map(raw.get(i), at, "must be a mapping {policy, namespaces?}");
            allowOnly(p, at + ".", ACCESS_POLICY_KEYS);
            List<String> namespaces = new ArrayList<>();
            if (p.get("namespaces") != null) {
                List<Object> ns = list(p.get("namespaces"), at + ".namespaces", "must be a list of namespace names");
                if (ns.isEmpty()) {
                    throw new InvalidInputException(at + ".namespaces", "list at least one namespace, or leave it out "
                            + "for cluster scope");
                }
                for (int n = 0; n < ns.size(); n++) {
                    namespaces.add(string(ns.get(n), at + ".namespaces[" + n + "]"));
                }
            }
            AccessPolicyGrant grant = AccessPolicyGrant.of(at, string(required(p, "policy", at + "."), at + ".policy"),
                    namespaces);
            if (out.stream().anyMatch(g -> g.name().equals(grant.name()))) {
                throw new InvalidInputException(at + ".policy", grant.name() + " is listed twice; give it once with "
                        + "all its namespaces");
            }
            out.add(grant);
        }
        return out;
    }

    private static ClusterSelector cluster(Object value, String path) {
        Map<String, Object> c = map(value, path, "must be a mapping {region, name} or {region, tags}");
        allowOnly(c, path + ".", CLUSTER_KEYS);
        String region = ClusterRef.checkRegion(path + ".region",
                string(required(c, "region", path + "."), path + ".region"));
        AccountId account = c.get("accountId") == null ? null
                : AccountId.of(path + ".accountId", string(c.get("accountId"), path + ".accountId"));
        boolean hasName = c.get("name") != null;
        boolean hasTags = c.get("tags") != null;
        if (hasName == hasTags) {
            throw new InvalidInputException(path, "give exactly one of name or tags (got "
                    + (hasName ? "both" : "neither") + ")");
        }
        if (hasName) {
            String name = ClusterRef.checkName(path + ".name", string(c.get("name"), path + ".name"));
            return new ClusterSelector(account, region, name, null);
        }
        return new ClusterSelector(account, region, null, tags(c.get("tags"), path + ".tags"));
    }

    private static Map<String, String> tags(Object value, String path) {
        Map<String, Object> raw = map(value, path, "must be a mapping of tag key to value");
        if (raw.isEmpty()) {
            throw new InvalidInputException(path, "give at least one tag (an empty set would match every cluster)");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String field = path + "." + e.getKey();
            String v = string(e.getValue(), field);
            // EKS tag limits: key 1-128 characters, value 0-256.
            if (e.getKey().isEmpty() || e.getKey().length() > 128 || v.length() > 256
                    || !printable(e.getKey()) || !printable(v)) {
                throw new InvalidInputException(field, "EKS tags have keys of 1-128 and values of 0-256 printable "
                        + "characters");
            }
            tags.put(e.getKey(), v);
        }
        return tags;
    }

    private static boolean printable(String s) {
        return s.codePoints().noneMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT);
    }

    private static Object required(Map<String, Object> m, String key, String prefix) {
        Object v = m.get(key);
        if (v == null) {
            throw new InvalidInputException(prefix + key, "is required");
        }
        return v;
    }

    private static void allowOnly(Map<String, Object> m, String prefix, Set<String> allowed) {
        for (String key : m.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidInputException(prefix + Printable.of(key), "is not a known key; allowed: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String path, String rule) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidInputException(path, rule);
        }
        for (Object key : m.keySet()) {
            if (!(key instanceof String)) {
                throw new InvalidInputException(path, "keys must be strings (got " + Printable.of(String.valueOf(key))
                        + ")");
            }
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String path, String rule) {
        if (!(value instanceof List<?>)) {
            throw new InvalidInputException(path, rule);
        }
        return (List<Object>) value;
    }

    /** Scalars must be strings: YAML reads unquoted 222222222222 as a number and true as a boolean. */
    private static String string(Object value, String path) {
        if (!(value instanceof String s)) {
            throw new InvalidInputException(path, "must be a string" + (value instanceof Number || value instanceof Boolean
                    ? " (quote it: YAML reads " + value + " as a " + (value instanceof Boolean ? "boolean" : "number")
                    + ")" : ""));
        }
        return s;
    }
}
