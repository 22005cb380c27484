package dev.eksaccess.eks;

import dev.eksaccess.handler.Json;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SSM GetParameter (the access policy's one read), in the AWS JSON 1.1 protocol through
 * {@link SignedAwsCalls} instead of the SSM SDK module. JSON in and out with the Jackson 3 tree model.
 */
public final class SsmParameters {
    private static final JsonMapper JSON = Json.MAPPER;
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/x-amz-json-1.1",
            "X-Amz-Target", "AmazonSSM.GetParameter");

    private final SignedAwsCalls.Service ssm;

    public SsmParameters(SignedAwsCalls.Service ssm) {
        this.ssm = ssm;
    }

    /** Where this calls (tests). */
    SignedAwsCalls.Endpoint endpoint() {
        return ssm.endpoint();
    }

    /**
     * SSM in {@code region} ({@code ssm.<region>.<partition DNS suffix>}, or its FIPS or dual-stack variant),
     * or {@code override}.
     */
    public static SignedAwsCalls.Endpoint endpoint(String region, Optional<URI> override, EndpointOptions options) {
        return SignedAwsCalls.Endpoint.regional("SSM", "ssm", region, override, options);
    }

    /** The parameter's value, decrypted when it is a SecureString. */
    public String value(String name) {
        ObjectNode request = JSON.createObjectNode().put("Name", name).put("WithDecryption", true);
        byte[] answer = ssm.post("GetParameter", HEADERS, JSON.writeValueAsBytes(request), JsonErrors::read);
        JsonNode value = JSON.readTree(answer).path("Parameter").path("Value");
        if (!value.isString()) {
            throw new IllegalStateException("SSM GetParameter answered without Parameter.Value for " + name);
        }
        return value.asString();
    }
}
