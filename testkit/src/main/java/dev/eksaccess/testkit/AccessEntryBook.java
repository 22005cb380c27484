package dev.eksaccess.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The access entries of the clusters {@link EksAccessEntriesServer} serves, in memory, with the checks
 * EKS makes that we know of (documented in the EKS API reference and user guide): one entry per
 * principal, reserved username prefixes, no {@code system:} groups, policies only from the AWS-owned
 * cluster-access-policy set (an unknown one is ResourceNotFoundException, as EKS answers it), namespace
 * scope with namespaces and cluster scope without, and CreateAccessEntry's clientRequestToken (a repeat
 * of a create answers with the entry it made). It does not check that the IAM principal exists.
 */
final class AccessEntryBook {
    static final List<String> RESERVED = List.of("system:", "eks:", "aws:", "amazon:", "iam:");
    static final List<String> POLICIES = List.of("AmazonEKSClusterAdminPolicy", "AmazonEKSAdminPolicy",
            "AmazonEKSEditPolicy", "AmazonEKSViewPolicy", "AmazonEKSAdminViewPolicy");
    private static final Pattern PRINCIPAL = Pattern.compile("arn:aws[-a-z]*:iam::\\d{12}:(role|user)/[\\w+=,.@/-]+");
    private static final Pattern POLICY = Pattern.compile("arn:aws[-a-z]*:eks::aws:cluster-access-policy/(\\w+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One access entry. {@code policies}: policy ARN to namespaces (empty: cluster scope). */
    record Entry(String principalArn, String type, String username, List<String> groups, Map<String, String> tags,
                 Map<String, List<String>> policies, String accessEntryArn, Instant createdAt, Instant modifiedAt) {
    }

    /** An error as EKS sends it: HTTP status, error type (x-amzn-ErrorType), message. */
    static final class Failure extends RuntimeException {
        final int status;
        final String type;

        Failure(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }

    private final Map<String, Map<String, Entry>> byCluster = new LinkedHashMap<>();
    /** The request (token left out) and the entry of each create, by cluster and clientRequestToken. */
    private final Map<String, CreatedBy> createdByToken = new LinkedHashMap<>();

    private record CreatedBy(JsonNode request, String accessEntryArn) {
    }

    synchronized void addCluster(String cluster) {
        byCluster.putIfAbsent(cluster, new LinkedHashMap<>());
    }

    synchronized List<Entry> entries(String cluster) {
        return new ArrayList<>(clusterEntries(cluster).values());
    }

    synchronized Entry create(String cluster, String region, JsonNode in) {
        String arn = in.path("principalArn").asString("");
        if (!PRINCIPAL.matcher(arn).matches()) {
            throw invalid("The specified principalArn is invalid: " + arn);
        }
        Map<String, Entry> entries = clusterEntries(cluster);
        // clientRequestToken makes the create idempotent, as in every AWS API that has one (the SDKs fill it
        // in, once per call): the same token again, with the same request, answers with what it made.
        String token = in.path("clientRequestToken").asString("");
        String tokenKey = cluster + "\n" + token;
        if (!token.isEmpty() && createdByToken.containsKey(tokenKey)) {
            CreatedBy earlier = createdByToken.get(tokenKey);
            Entry made = find(entries, arn);
            if (!earlier.request().equals(withoutToken(in))) {
                throw invalid("The client request token " + token + " was already used with a different request.");
            }
            if (made != null && made.accessEntryArn().equals(earlier.accessEntryArn())) {
                return made;
            }
        }
        if (find(entries, arn) != null) {
            throw new Failure(409, "ResourceInUseException", "The specified access entry resource is already in use on "
                    + "this cluster.");
        }
        String type = in.path("type").asString("STANDARD");
        String username = type.equals("STANDARD") ? checkedUsername(in.get("username"), arn)
                : "system:node:{{EC2PrivateDNSName}}"; // what EKS sets for node entries
        Instant now = Instant.now();
        String account = arn.split(":")[4];
        String[] resource = arn.split(":", 6)[5].split("/");
        Entry entry = new Entry(arn, type, username, checkedGroups(in.get("kubernetesGroups")),
                strings(in.get("tags")), new TreeMap<>(), "arn:aws:eks:" + region + ":" + account + ":access-entry/"
                + cluster + "/" + resource[0] + "/" + account + "/" + resource[resource.length - 1] + "/"
                + UUID.randomUUID(), now, now);
        entries.put(arn, entry);
        if (!token.isEmpty()) {
            createdByToken.put(tokenKey, new CreatedBy(withoutToken(in), entry.accessEntryArn()));
        }
        return entry;
    }

    private static JsonNode withoutToken(JsonNode in) {
        ObjectNode copy = ((ObjectNode) in).deepCopy();
        copy.remove("clientRequestToken");
        return copy;
    }

    synchronized Entry describe(String cluster, String arn) {
        Entry e = find(clusterEntries(cluster), arn);
        if (e == null) {
            throw new Failure(404, "ResourceNotFoundException", "The specified principalArn could not be found. "
                    + "You can view your available access entries with 'list-access-entries'.");
        }
        return e;
    }

    synchronized Entry update(String cluster, String arn, JsonNode in) {
        Entry e = describe(cluster, arn);
        Entry updated = new Entry(e.principalArn(), e.type(),
                in.hasNonNull("username") ? checkedUsername(in.get("username"), arn) : e.username(),
                in.has("kubernetesGroups") ? checkedGroups(in.get("kubernetesGroups")) : e.groups(), e.tags(),
                e.policies(), e.accessEntryArn(), e.createdAt(), Instant.now());
        clusterEntries(cluster).put(e.principalArn(), updated);
        return updated;
    }

    synchronized void delete(String cluster, String arn) {
        clusterEntries(cluster).remove(describe(cluster, arn).principalArn());
    }

    synchronized Entry associate(String cluster, String arn, JsonNode in) {
        Entry e = describe(cluster, arn);
        String policyArn = in.path("policyArn").asString("");
        java.util.regex.Matcher m = POLICY.matcher(policyArn);
        if (!m.matches() || !POLICIES.contains(m.group(1))) {
            // What EKS answers for a policy it does not have, a misspelt name or a malformed ARN alike.
            throw new Failure(404, "ResourceNotFoundException", "The specified policyArn could not be found.");
        }
        if (!"STANDARD".equals(e.type())) {
            throw invalid("Access policies can only be associated with access entries of type STANDARD.");
        }
        String scope = in.path("accessScope").path("type").asString("");
        List<String> namespaces = new ArrayList<>();
        in.path("accessScope").path("namespaces").forEach(n -> namespaces.add(n.asString()));
        if (!scope.equals("cluster") && !scope.equals("namespace") || scope.equals("cluster") != namespaces.isEmpty()) {
            throw invalid("accessScope: type cluster takes no namespaces, type namespace at least one");
        }
        e.policies().put(policyArn, List.copyOf(namespaces));
        return e;
    }

    synchronized void disassociate(String cluster, String arn, String policyArn) {
        if (describe(cluster, arn).policies().remove(policyArn) == null) {
            throw new Failure(404, "ResourceNotFoundException", "The specified policy is not associated with the "
                    + "access entry.");
        }
    }

    /** AccessEntry as REST-JSON renders it (timestamps in epoch seconds). */
    static ObjectNode view(String cluster, Entry e) {
        ObjectNode o = JSON.createObjectNode().put("clusterName", cluster).put("principalArn", e.principalArn());
        e.groups().forEach(o.putArray("kubernetesGroups")::add);
        o.put("accessEntryArn", e.accessEntryArn()).put("createdAt", e.createdAt().getEpochSecond())
                .put("modifiedAt", e.modifiedAt().getEpochSecond());
        ObjectNode tags = o.putObject("tags");
        e.tags().forEach(tags::put);
        return o.put("username", e.username()).put("type", e.type());
    }

    static void policies(Entry e, tools.jackson.databind.node.ArrayNode out) {
        e.policies().forEach((arn, namespaces) -> policy(arn, namespaces, e, out.addObject()));
    }

    static ObjectNode policy(String arn, List<String> namespaces, Entry e, ObjectNode o) {
        o.put("policyArn", arn);
        ObjectNode scope = o.putObject("accessScope").put("type", namespaces.isEmpty() ? "cluster" : "namespace");
        namespaces.forEach(scope.putArray("namespaces")::add);
        return o.put("associatedAt", e.createdAt().getEpochSecond()).put("modifiedAt", e.modifiedAt().getEpochSecond());
    }

    private Map<String, Entry> clusterEntries(String cluster) {
        Map<String, Entry> entries = byCluster.get(cluster);
        if (entries == null) {
            throw new Failure(404, "ResourceNotFoundException", "No cluster found for name: " + cluster + ".");
        }
        return entries;
    }

    /** ARNs compare case-insensitively, as IAM names do. */
    private static Entry find(Map<String, Entry> entries, String arn) {
        return entries.values().stream().filter(e -> e.principalArn().toLowerCase(Locale.ROOT)
                .equals(arn.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
    }

    private static String checkedUsername(JsonNode value, String arn) {
        if (value == null || value.isNull()) {
            // EKS's default: the user ARN, or the role's assumed-role ARN without its path.
            String[] parts = arn.split(":", 6);
            String[] resource = parts[5].split("/");
            return parts[5].startsWith("user/") ? arn : "arn:" + parts[1] + ":sts::" + parts[4]
                    + ":assumed-role/" + resource[resource.length - 1] + "/{{SessionName}}";
        }
        String username = value.asString();
        for (String prefix : RESERVED) {
            if (username.startsWith(prefix)) {
                throw invalid("username can't start with " + String.join(", ", RESERVED) + ": " + username);
            }
        }
        return username;
    }

    private static List<String> checkedGroups(JsonNode value) {
        List<String> groups = new ArrayList<>();
        if (value != null) {
            value.forEach(g -> groups.add(g.asString()));
        }
        for (String g : groups) {
            if (g.startsWith("system:")) {
                throw invalid("kubernetesGroups can't start with system: " + g);
            }
        }
        return List.copyOf(groups);
    }

    private static Map<String, String> strings(JsonNode value) {
        Map<String, String> out = new TreeMap<>();
        if (value != null) {
            value.properties().forEach(p -> out.put(p.getKey(), p.getValue().asString()));
        }
        return out;
    }

    private static Failure invalid(String message) {
        return new Failure(400, "InvalidParameterException", message);
    }
}
