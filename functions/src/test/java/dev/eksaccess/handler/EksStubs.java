package dev.eksaccess.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WireMock stubs of the EKS REST-JSON API in the shapes the EKS API reference documents: DescribeCluster
 * with accessConfig, the access-entry operations, and errors with {@code x-amzn-ErrorType}. Principal and
 * policy ARNs travel percent-encoded as one path segment, as the SDK sends them.
 */
final class EksStubs {
    static final String ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    static final String VIEW_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";

    private final WireMockExtension wm;
    private final String cluster;

    EksStubs(WireMockExtension wm, String cluster) {
        this.wm = wm;
        this.cluster = cluster;
    }

    static String enc(String arn) {
        return URLEncoder.encode(arn, StandardCharsets.UTF_8);
    }

    String entries() {
        return "/clusters/" + cluster + "/access-entries";
    }

    String entry(String arn) {
        return entries() + "/" + enc(arn);
    }

    String policies(String arn) {
        return entry(arn) + "/access-policies";
    }

    /** DescribeCluster; {@code mode} null answers as moto and CONFIG_MAP-era clusters do, without accessConfig. */
    void cluster(String account, String mode) {
        ObjectNode c = Json.object();
        ObjectNode cl = c.putObject("cluster").put("name", cluster)
                .put("arn", "arn:aws:eks:eu-north-1:" + account + ":cluster/" + cluster)
                .put("endpoint", "https://" + cluster + ".gr7.eu-north-1.eks.amazonaws.com").put("status", "ACTIVE");
        cl.putObject("certificateAuthority").put("data", "LS0tLS1CRUdJTg==");
        if (mode != null) {
            cl.putObject("accessConfig").put("authenticationMode", mode).put("bootstrapClusterCreatorAdminPermissions",
                    false);
        }
        wm.stubFor(get(urlPathEqualTo("/clusters/" + cluster)).willReturn(ok(c)));
    }

    void list(String... arns) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("accessEntries");
        for (String a : arns) {
            list.add(a);
        }
        wm.stubFor(get(urlPathEqualTo(entries())).willReturn(ok(out)));
    }

    /** ListAccessEntries answering {@code first} once, then {@code after} (someone created an entry meanwhile). */
    void listThen(List<String> first, List<String> after) {
        ObjectNode one = Json.object();
        first.forEach(one.putArray("accessEntries")::add);
        ObjectNode two = Json.object();
        after.forEach(two.putArray("accessEntries")::add);
        wm.stubFor(get(urlPathEqualTo(entries())).inScenario("list").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(ok(one)));
        wm.stubFor(get(urlPathEqualTo(entries())).inScenario("list").whenScenarioStateIs("second").willReturn(ok(two)));
    }

    /** DescribeAccessEntry and ListAssociatedAccessPolicies of one entry; policies: ARN to namespaces. */
    void entry(String arn, String type, String username, List<String> groups, Map<String, String> tags,
               Map<String, List<String>> policies) {
        ObjectNode e = Json.object();
        ObjectNode ae = e.putObject("accessEntry").put("clusterName", cluster).put("principalArn", arn)
                .put("accessEntryArn", "arn:aws:eks:eu-north-1:111122223333:access-entry/" + cluster + "/role/x")
                .put("createdAt", 1.7e9).put("modifiedAt", 1.7e9).put("username", username).put("type", type);
        groups.forEach(ae.putArray("kubernetesGroups")::add);
        ObjectNode t = ae.putObject("tags");
        tags.forEach(t::put);
        wm.stubFor(get(urlPathEqualTo(entry(arn))).willReturn(ok(e)));
        ObjectNode p = Json.object().put("clusterName", cluster).put("principalArn", arn);
        ArrayNode list = p.putArray("associatedAccessPolicies");
        policies.forEach((policy, namespaces) -> {
            ObjectNode a = list.addObject().put("policyArn", policy).put("associatedAt", 1.7e9).put("modifiedAt", 1.7e9);
            ObjectNode scope = a.putObject("accessScope").put("type", namespaces.isEmpty() ? "cluster" : "namespace");
            namespaces.forEach(scope.putArray("namespaces")::add);
        });
        wm.stubFor(get(urlPathEqualTo(policies(arn))).willReturn(ok(p)));
    }

    /** The writes, answered as EKS answers success. */
    void writesSucceed(String arn) {
        ObjectNode created = Json.object();
        created.putObject("accessEntry").put("clusterName", cluster).put("principalArn", arn).put("type", "STANDARD");
        wm.stubFor(post(urlPathEqualTo(entries())).willReturn(ok(created)));
        wm.stubFor(post(urlPathEqualTo(entry(arn))).willReturn(ok(created)));
        wm.stubFor(delete(urlPathEqualTo(entry(arn))).willReturn(ok(Json.object())));
        wm.stubFor(post(urlPathEqualTo(policies(arn))).willReturn(ok(Json.object().put("clusterName", cluster)
                .put("principalArn", arn))));
        for (String policy : List.of(ADMIN_POLICY, VIEW_POLICY)) {
            wm.stubFor(delete(urlPathEqualTo(policies(arn) + "/" + enc(policy))).willReturn(ok(Json.object())));
        }
    }

    static ResponseDefinitionBuilder ok(ObjectNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(Json.MAPPER.writeValueAsString(body));
    }

    /** An EKS error: the type in the x-amzn-ErrorType header, or only in the body's __type (both are sent). */
    static ResponseDefinitionBuilder error(int status, String type, String message, boolean inHeader) {
        ObjectNode body = Json.object().put("message", message);
        ResponseDefinitionBuilder r = aResponse().withStatus(status).withHeader("Content-Type", "application/json");
        if (inHeader) {
            r = r.withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazonaws.eks/");
        } else {
            body.put("__type", type);
        }
        return r.withBody(Json.MAPPER.writeValueAsString(body));
    }

    void stub(MappingBuilder mapping) {
        wm.stubFor(mapping);
    }
}
