package dev.eksaccess.handler;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccountId;
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
 *  "groups":["system:masters"],"dryRun":false}</pre>
 */
record AccessRequest(List<ClusterRef> clusters, AccessChange change, boolean dryRun) {
    static final int MAX_CLUSTERS = 100;
    private static final Set<String> CLUSTER_FIELDS = Set.of("name", "region", "accountId");

    static AccessRequest grant(byte[] json) {
        JsonNode root = RequestFields.parseObject(json);
        RequestFields.allowOnly(root, "", Set.of("clusters", "arn", "account", "username", "groups", "dryRun"));
        List<ClusterRef> clusters = clusters(root);
        String account = RequestFields.optionalString(root, "account", "");
        AccessChange change;
        if (account != null) {
            if (root.hasNonNull("arn") || root.hasNonNull("username") || root.hasNonNull("groups")) {
                throw new InvalidInputException("account", "goes alone: arn, username and groups do not apply to "
                        + "mapAccounts");
            }
            change = new AccessChange.GrantAccount(AccountId.of("account", account));
        } else {
            requireArn(root);
            List<String> groups = RequestFields.optionalStrings(root, "groups", "", 64);
            change = AccessChange.GrantIdentity.of(RequestFields.requiredString(root, "arn", ""),
                    RequestFields.optionalString(root, "username", ""), groups);
        }
        return new AccessRequest(clusters, change, RequestFields.optionalBoolean(root, "dryRun", ""));
    }

    static AccessRequest revoke(byte[] json) {
        JsonNode root = RequestFields.parseObject(json);
        RequestFields.allowOnly(root, "", Set.of("clusters", "arn", "account", "dryRun"));
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
        return new AccessRequest(clusters, change, RequestFields.optionalBoolean(root, "dryRun", ""));
    }

    static AccessRequest list(byte[] json) {
        JsonNode root = RequestFields.parseObject(json);
        RequestFields.allowOnly(root, "", Set.of("clusters"));
        return new AccessRequest(clusters(root), null, false);
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
