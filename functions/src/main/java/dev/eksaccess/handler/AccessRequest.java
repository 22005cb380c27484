package dev.eksaccess.handler;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessPolicyGrant;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.Backend;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A direct-invoke request: which clusters, and for grant and revoke which change. Parsed strictly, so
 * a typo in a field name is an error rather than a silently ignored setting.
 *
 * <pre>{"clusters":[{"name":"prod","region":"eu-north-1","accountId":"111122223333"}],
 *  "arn":"arn:aws:iam::111122223333:role/...","username":"admin:{{SessionName}}",
 *  "groups":["system:masters"],"dryRun":false,
 *  "backend":"auto","accessPolicies":[{"policy":"AmazonEKSViewPolicy","namespaces":["team-a"]}]}</pre>
 * {@code backend} (auto, aws-auth or access-entries) and {@code accessPolicies} (access entries only) are optional.
 */
record AccessRequest(List<ClusterRef> clusters, AccessChange change, Backend backend, boolean dryRun) {
    static final int MAX_CLUSTERS = 100;
    private static final Set<String> CLUSTER_FIELDS = Set.of("name", "region", "accountId");

    static AccessRequest grant(byte[] json) {
        JsonNode root = RequestFields.parseObject(json);
        RequestFields.allowOnly(root, "", Set.of("clusters", "arn", "account", "username", "groups", "dryRun",
                "backend", "accessPolicies"));
        List<ClusterRef> clusters = clusters(root);
        String account = RequestFields.optionalString(root, "account", "");
        AccessChange change;
        if (account != null) {
            if (root.hasNonNull("arn") || root.hasNonNull("username") || root.hasNonNull("groups")
                    || root.hasNonNull("accessPolicies")) {
                throw new InvalidInputException("account", "goes alone: arn, username, groups and accessPolicies do "
                        + "not apply to mapAccounts");
            }
            change = new AccessChange.GrantAccount(AccountId.of("account", account));
        } else {
            requireArn(root);
            List<String> groups = RequestFields.optionalStrings(root, "groups", "", 64);
            change = AccessChange.GrantIdentity.of(RequestFields.requiredString(root, "arn", ""),
                    RequestFields.optionalString(root, "username", ""), groups)
                    .withAccessPolicies(accessPolicies(root));
        }
        return new AccessRequest(clusters, change, backend(root), RequestFields.optionalBoolean(root, "dryRun", ""));
    }

    static AccessRequest revoke(byte[] json) {
        JsonNode root = RequestFields.parseObject(json);
        RequestFields.allowOnly(root, "", Set.of("clusters", "arn", "account", "dryRun", "backend"));
        List<ClusterRef> clusters = clusters(root);
        String account = RequestFields.optionalString(root, "account", "");
        AccessChange change;
        if (account != null) {
            if (root.hasNonNull("arn")) {
                throw new InvalidInputException("account", "give either arn or account, not both");
            }
            change = new AccessChange.RevokeAccount(AccountId.of("account", account));
        } else {
            requireArn(root);
            change = AccessChange.RevokeIdentity.of(RequestFields.requiredString(root, "arn", ""));
        }
        return new AccessRequest(clusters, change, backend(root), RequestFields.optionalBoolean(root, "dryRun", ""));
    }

    static AccessRequest list(byte[] json) {
        JsonNode root = RequestFields.parseObject(json);
        RequestFields.allowOnly(root, "", Set.of("clusters", "backend"));
        return new AccessRequest(clusters(root), null, backend(root), false);
    }

    private static Backend backend(JsonNode root) {
        return Backend.of("backend", RequestFields.optionalString(root, "backend", ""));
    }

    private static List<AccessPolicyGrant> accessPolicies(JsonNode root) {
        JsonNode list = root.get("accessPolicies");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new InvalidInputException("accessPolicies", "must be a list of {policy, namespaces?}");
        }
        List<AccessPolicyGrant> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "accessPolicies[" + i + "]";
            JsonNode p = list.get(i);
            if (!p.isObject()) {
                throw new InvalidInputException(path, "must be an object {policy, namespaces?}");
            }
            RequestFields.allowOnly(p, path + ".", Set.of("policy", "namespaces"));
            List<String> namespaces = RequestFields.optionalStrings(p, "namespaces", path + ".", 50);
            if (namespaces != null && namespaces.isEmpty()) {
                throw new InvalidInputException(path + ".namespaces", "list at least one namespace, or leave it out for "
                        + "cluster scope");
            }
            out.add(AccessPolicyGrant.of(path, RequestFields.requiredString(p, "policy", path + "."), namespaces));
        }
        return out;
    }

    private static void requireArn(JsonNode root) {
        if (!root.hasNonNull("arn")) {
            throw new InvalidInputException("arn", "is required (or give account for mapAccounts)");
        }
    }

    private static List<ClusterRef> clusters(JsonNode root) {
        JsonNode list = root.get("clusters");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidInputException("clusters", "is required: a non-empty list of {name, region, accountId?}");
        }
        if (list.size() > MAX_CLUSTERS) {
            throw new InvalidInputException("clusters", "at most " + MAX_CLUSTERS + " clusters per request (got "
                    + list.size() + ")");
        }
        List<ClusterRef> refs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "clusters[" + i + "].";
            JsonNode c = list.get(i);
            if (!c.isObject()) {
                throw new InvalidInputException("clusters[" + i + "]", "must be an object {name, region, accountId?}");
            }
            RequestFields.allowOnly(c, path, CLUSTER_FIELDS);
            String account = RequestFields.optionalString(c, "accountId", path);
            ClusterRef ref = new ClusterRef(
                    ClusterRef.checkName(path + "name", RequestFields.requiredString(c, "name", path)),
                    ClusterRef.checkRegion(path + "region", RequestFields.requiredString(c, "region", path)),
                    account == null ? null : AccountId.of(path + "accountId", account));
            if (refs.contains(ref)) {
                throw new InvalidInputException(path + "name", "cluster " + ref.label() + " is listed twice");
            }
            refs.add(ref);
        }
        return refs;
    }
}
