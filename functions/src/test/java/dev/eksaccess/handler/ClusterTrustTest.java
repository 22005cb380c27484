package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.testkit.EksTokenAuthenticator;
import dev.eksaccess.testkit.KubeApiServer;
import dev.eksaccess.testkit.SystemProperties;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * TLS to a cluster trusts the cluster's CA (DescribeCluster's certificateAuthority) and nothing else, as
 * kubectl does with certificate-authority-data: a server the JVM's trust store would accept, but which the
 * cluster CA did not sign, gets no connection and so never sees a token.
 */
class ClusterTrustTest {
    static final String GRANT = """
            {"clusters":[{"name":"prod","region":"eu-north-1"}],
             "arn":"arn:aws:iam::111122223333:role/developers","username":"dev","groups":["dev"]}""";

    LocalCloud cloud;
    KubeApiServer real;
    KubeApiServer impostor;
    Map<String, String> env;

    @BeforeEach
    void start() {
        cloud = new LocalCloud();
        real = KubeApiServer.startHttps("prod", tokens());
        impostor = KubeApiServer.startHttps("prod", tokens());
        assertNotEquals(real.caCertificatePem(), impostor.caCertificatePem(), "each server has its own certificate");
        env = cloud.env();
    }

    @AfterEach
    void stop() {
        real.close();
        impostor.close();
        cloud.close();
    }

    @Test
    void theClusterIsReachedOverHttpsTrustingItsCa() {
        env.put("EKS_ACCESS_KUBE_ENDPOINTS", endpoint(real, caData(real)));
        JsonNode result = json(invoke(new GrantAccessHandler(env), GRANT)).get("results").get(0);
        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertTrue(AwsAuthDocument.parse(real.adminClient().configMaps().inNamespace("kube-system")
                .withName("aws-auth").get().getData()).roles().stream()
                .anyMatch(m -> m.arn().equals("arn:aws:iam::111122223333:role/developers")));
    }

    @Test
    void aServerTheJvmTrustsButTheClusterCaDidNotSignGetsNoConnection(@TempDir Path dir) throws Exception {
        // The JVM's trust store holds the impostor's certificate; the cluster's CA is the real server's.
        Path store = dir.resolve("truststore.p12");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("impostor", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(impostor.caCertificatePem().orElseThrow().getBytes(StandardCharsets.US_ASCII))));
        try (OutputStream out = Files.newOutputStream(store)) {
            trusted.store(out, "changeit".toCharArray());
        }
        try (SystemProperties props = new SystemProperties()) {
            props.set("javax.net.ssl.trustStore", store.toString()).set("javax.net.ssl.trustStorePassword", "changeit")
                    .set("javax.net.ssl.trustStoreType", "PKCS12");
            env.put("EKS_ACCESS_KUBE_ENDPOINTS", endpoint(impostor, caData(real)));
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                    () -> invoke(new GrantAccessHandler(env), GRANT));
            String error = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results").get(0)
                    .get("error").asString();
            assertTrue(error.contains("PKIX") || error.contains("certificate"), error);
        }
        assertEquals(0, impostor.calls().size(), "no request, so no token, reached the impostor");
    }

    @Test
    void aCertificateAuthorityThatIsNotACertificateIsAClearErrorForThatCluster() {
        env.put("EKS_ACCESS_KUBE_ENDPOINTS", endpoint(real, Base64.getEncoder().encodeToString(
                "not a certificate".getBytes(StandardCharsets.US_ASCII))));
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), GRANT));
        String error = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results").get(0)
                .get("error").asString();
        assertTrue(error.contains("EKS cluster prod: its certificate authority is not a usable PEM certificate"),
                error);
        assertEquals(0, real.calls().size());
    }

    private EksTokenAuthenticator tokens() {
        return new EksTokenAuthenticator("prod", id -> id.equals(cloud.accessKeyId) ? cloud.secretAccessKey : null);
    }

    private static String caData(KubeApiServer server) {
        return Base64.getEncoder().encodeToString(server.caCertificatePem().orElseThrow()
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static String endpoint(KubeApiServer server, String ca) {
        return "{\"prod\":{\"url\":\"" + server.url() + "\",\"certificateAuthority\":\"" + ca + "\"}}";
    }
}
