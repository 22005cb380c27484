package dev.eksaccess.eks;

import dev.eksaccess.access.Partition;
import dev.eksaccess.handler.Json;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import tools.jackson.databind.JsonNode;

/**
 * EKS DescribeCluster (REST-JSON, {@code GET /clusters/{name}}) through {@link SignedAwsCalls} rather than
 * the EKS SDK client. Every grant and revoke starts with it, and on a cold start the SDK client's first
 * call (building the client, its endpoint rules, interceptors and marshallers) cost ~0.15 s of CPU
 * (issue #8, P2). The EKS module stays for the rest of the EKS API (access entries, listing clusters).
 */
public final class EksDescribeCluster {
    /** What a grant or revoke needs of the answer; null where EKS says nothing. */
    public record Described(String endpoint, String certificateAuthority, String authenticationMode, String status) {
    }

    private final SignedAwsCalls.Service eks;

    public EksDescribeCluster(SignedAwsCalls.Service eks) {
        this.eks = eks;
    }

    /** Where this calls (tests). */
    SignedAwsCalls.Endpoint endpoint() {
        return eks.endpoint();
    }

    /**
     * EKS in {@code region} ({@code eks.<region>.<partition DNS suffix>}, or its FIPS or dual-stack variant),
     * or {@code override}. EKS's own rule: FIPS alone in the aws partition is {@code fips.eks.<region>...}.
     */
    public static SignedAwsCalls.Endpoint endpoint(String region, Optional<URI> override, EndpointOptions options) {
        if (options.fips() && !options.dualStack() && Partition.ofRegion(region) == Partition.AWS) {
            return SignedAwsCalls.Endpoint.at("EKS", "eks", "fips.eks." + region + "." + Partition.AWS.dnsSuffix(),
                    region, override, options);
        }
        return SignedAwsCalls.Endpoint.regional("EKS", "eks", region, override, options);
    }

    /**
     * The cluster, or empty when EKS does not know it (ResourceNotFoundException). {@code name} must be a
     * valid cluster name ({@link dev.eksaccess.access.ClusterRef}), which needs no encoding in a path.
     */
    public Optional<Described> describe(String name) {
        byte[] answer;
        try {
            answer = eks.get("/clusters/" + name, "DescribeCluster", JsonErrors::read);
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "ResourceNotFoundException".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode cluster = Json.MAPPER.readTree(answer).path("cluster");
        if (!cluster.isObject()) {
            throw new IllegalStateException("EKS DescribeCluster answered without a cluster for " + name);
        }
        return Optional.of(new Described(text(cluster.path("endpoint")),
                text(cluster.path("certificateAuthority").path("data")),
                text(cluster.path("accessConfig").path("authenticationMode")), text(cluster.path("status"))));
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
