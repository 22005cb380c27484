package dev.eksaccess.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubeApiServerTest {
    private static final String CM_PATH = "/api/v1/namespaces/default/configmaps";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private KubeApiServer server;

    @BeforeEach
    void start() {
        server = KubeApiServer.start("c1",
                token -> "good-token".equals(token) ? Optional.of("alice") : Optional.empty());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rejectsMissingAndWrongTokensWithKubernetesStatus() throws Exception {
        HttpResponse<String> none = get(CM_PATH, null, Duration.ofSeconds(5));
        assertEquals(401, none.statusCode());
        Status status = Serialization.unmarshal(none.body(), Status.class);
        assertEquals(List.of("Status", "v1", "Failure", "Unauthorized", "Unauthorized", 401), List.of(status.getKind(),
                status.getApiVersion(), status.getStatus(), status.getMessage(), status.getReason(), status.getCode()));
        assertEquals(401, get(CM_PATH, "wrong", Duration.ofSeconds(5)).statusCode());
        assertEquals(200, get(CM_PATH, "good-token", Duration.ofSeconds(5)).statusCode());
        try (KubernetesClient wrong = server.client("wrong")) {
            KubernetesClientException e = assertThrows(KubernetesClientException.class,
                    () -> wrong.configMaps().list());
            assertEquals(401, e.getCode());
        }
    }

    @Test
    void adminClientCreatesReadsAndUpdates() {
        KubernetesClient admin = server.adminClient();
        ConfigMap created = admin.configMaps().resource(configMap("a", "1")).create();
        ConfigMap read = admin.configMaps().withName("a").get();
        assertEquals("1", read.getData().get("k"));

        read.getData().put("k", "2");
        ConfigMap updated = admin.configMaps().resource(read).update();
        assertEquals("2", admin.configMaps().withName("a").get().getData().get("k"));
        assertTrue(Long.parseLong(updated.getMetadata().getResourceVersion())
                > Long.parseLong(created.getMetadata().getResourceVersion()));
    }

    @Test
    void anEditAfterAReadMakesTheReadersWriteAConflictAndABlindOneOverwriteIt() throws Exception {
        KubernetesClient admin = server.adminClient();
        admin.configMaps().resource(configMap("a", "1")).create();
        server.editAfterNext("GET", CM_PATH + "/a", cm -> cm.getData().put("other", "x"), 2);

        ConfigMap read = admin.configMaps().withName("a").get();
        assertNull(read.getData().get("other"), "the reader got the object as it was");
        ConfigMap mine = new ConfigMapBuilder(read).withData(Map.of("k", "mine")).build();
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                () -> admin.configMaps().resource(mine).update());
        assertEquals(409, conflict.getCode());

        ConfigMap again = admin.configMaps().withName("a").get(); // the second edit follows this read
        assertEquals("x", again.getData().get("other"));
        ConfigMap blind = new ConfigMapBuilder(again).withData(Map.of("k", "blind")).build();
        blind.getMetadata().setResourceVersion(null);
        assertEquals(200, put(CM_PATH + "/a", Serialization.asJson(blind)).statusCode());
        assertEquals(Map.of("k", "blind"), admin.configMaps().withName("a").get().getData(), "the edit was lost");
        assertEquals(List.of("GET", "PUT", "GET", "PUT", "GET"), server.calls().stream().map(RecordedCall::method)
                .filter(m -> !m.equals("POST")).toList(), "edits are not recorded as calls");
    }

    @Test
    void measuredConflictAndNotFoundBehaviour() throws Exception {
        KubernetesClient admin = server.adminClient();
        ConfigMap first = admin.configMaps().resource(configMap("a", "1")).create();
        ConfigMap second = admin.configMaps().resource(new ConfigMapBuilder(first).withData(Map.of("k", "2")).build())
                .update();

        ConfigMap stale = new ConfigMapBuilder(second).withData(Map.of("k", "3")).build();
        stale.getMetadata().setResourceVersion(first.getMetadata().getResourceVersion());
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                () -> admin.configMaps().resource(stale).update());
        assertEquals(409, conflict.getCode());
        assertEquals("Conflict", conflict.getStatus().getReason()); // fabric8 alone says "Invalid"
        assertTrue(conflict.getStatus().getMessage().contains("configmaps \"a\": the object has been modified"));
        assertEquals("2", admin.configMaps().withName("a").get().getData().get("k"));

        KubernetesClientException exists = assertThrows(KubernetesClientException.class,
                () -> admin.configMaps().resource(configMap("a", "9")).create());
        assertEquals(409, exists.getCode());
        assertEquals("AlreadyExists", exists.getStatus().getReason());
        assertEquals("configmaps \"a\" already exists", exists.getStatus().getMessage());

        ConfigMap unversioned = new ConfigMapBuilder(second).withData(Map.of("k", "4")).build();
        unversioned.getMetadata().setResourceVersion(null);
        assertEquals(200, put(CM_PATH + "/a", Serialization.asJson(unversioned)).statusCode(), "no precondition");

        assertNull(admin.configMaps().withName("missing").get());
        HttpResponse<String> missing = get(CM_PATH + "/missing", KubeApiServer.ADMIN_TOKEN, Duration.ofSeconds(5));
        assertEquals(404, missing.statusCode());
        assertEquals("NotFound", Serialization.unmarshal(missing.body(), Status.class).getReason());
    }

    @Test
    void failingJsonPatchTestOpIsAnswered422InsteadOfHanging() {
        server.adminClient().configMaps().resource(configMap("a", "1")).create();
        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> server.adminClient()
                .configMaps().withName("a").patch(PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"other\"}]"));
        assertEquals(422, e.getCode());
        assertEquals(422, server.calls().get(server.calls().size() - 1).status());
    }

    @Test
    void failNextAnswersTheInjectedStatusOnceThenTheStoreAgain() {
        KubernetesClient admin = server.adminClient();
        ConfigMap current = admin.configMaps().resource(configMap("a", "1")).create();
        server.failNext("PUT", 409, 1);

        ConfigMap change = new ConfigMapBuilder(current).withData(Map.of("k", "2")).build();
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> admin.configMaps().resource(change).update());
        assertEquals(409, e.getCode());
        assertEquals("Conflict", e.getStatus().getReason());
        assertEquals("1", admin.configMaps().withName("a").get().getData().get("k"), "a failed write stores nothing");

        admin.configMaps().resource(change).update();
        assertEquals("2", admin.configMaps().withName("a").get().getData().get("k"));
        List<Integer> putStatuses = server.calls().stream().filter(c -> c.method().equals("PUT"))
                .map(RecordedCall::status).toList();
        assertEquals(List.of(409, 200), putStatuses);
    }

    @Test
    void failNextForAnyMethodUsesKubernetesReasons() throws Exception {
        server.failNext("*", 503, 2);
        HttpResponse<String> first = get(CM_PATH, "good-token", Duration.ofSeconds(5));
        assertEquals(503, first.statusCode());
        assertTrue(first.body().contains("\"reason\":\"ServiceUnavailable\""), first.body());
        assertEquals(503, get(CM_PATH, "good-token", Duration.ofSeconds(5)).statusCode());
        assertEquals(200, get(CM_PATH, "good-token", Duration.ofSeconds(5)).statusCode());
    }

    @Test
    void delayNextAppliesTheWriteButAnswersLate() throws Exception {
        ConfigMap current = server.adminClient().configMaps().resource(configMap("a", "1")).create();
        server.delayNext("PUT", Duration.ofSeconds(30), 1);
        String body = Serialization.asJson(new ConfigMapBuilder(current).withData(Map.of("k", "2")).build());

        assertThrows(HttpTimeoutException.class, () -> http.send(putRequest(CM_PATH + "/a", body)
                .timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.ofString()));
        // Other requests are not held up by the pending answer, and the write already happened.
        assertEquals("2", server.adminClient().configMaps().withName("a").get().getData().get("k"));
    }

    @Test
    void recordsCallsWithTokensPrincipalsAndAwsAuthWrites() throws Exception {
        get(CM_PATH, "wrong", Duration.ofSeconds(5));
        get(CM_PATH, "good-token", Duration.ofSeconds(5));
        KubernetesClient kubeSystem = server.adminClient();
        ConfigMap awsAuth = kubeSystem.configMaps().inNamespace("kube-system")
                .resource(new ConfigMapBuilder().withNewMetadata().withName("aws-auth").endMetadata()
                        .withData(Map.of("mapRoles", "")).build()).create();
        kubeSystem.configMaps().inNamespace("kube-system").resource(configMap("other", "x")).create();
        kubeSystem.configMaps().inNamespace("kube-system").resource(awsAuth).update();

        List<RecordedCall> calls = server.calls();
        assertEquals(new RecordedCall("GET", CM_PATH, null, "wrong", null, 401, ""), calls.get(0));
        assertEquals("alice", calls.get(1).principal());
        assertEquals("good-token", calls.get(1).bearerToken());
        assertEquals(KubeApiServer.ADMIN_TOKEN, calls.get(2).bearerToken());
        assertEquals(KubeApiServer.KUBE_SYSTEM_CONFIGMAPS_PATH, calls.get(2).path());
        assertEquals(2, server.count("GET"));
        assertEquals(2, server.count("post"));
        assertEquals(2, server.awsAuthWrites(), "the create and the update, not the other ConfigMap");
        assertTrue(!calls.get(2).toString().contains(KubeApiServer.ADMIN_TOKEN), "toString hides tokens");

        server.clearCalls();
        assertEquals(0, server.awsAuthWrites());
        assertEquals(List.of(), server.calls());
    }

    @Test
    void eksTokenAuthenticatorLooksUpTheSecretByKeyIdAndRejectsWhatItCannotVerify() {
        EksTokenAuthenticator auth = new EksTokenAuthenticator("c1", Map.of("AKIDEXAMPLE", "secret")::get);
        assertEquals(Optional.empty(), auth.authenticate("not-a-token"));
        assertTrue(auth.lastRejection().orElseThrow().contains("k8s-aws-v1."));

        String unknownKey = token("https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity"
                + "&X-Amz-Credential=AKIDUNKNOWN%2F20250101%2Feu-west-1%2Fsts%2Faws4_request");
        assertEquals(Optional.empty(), auth.authenticate(unknownKey));
        assertEquals("unknown access key id AKIDUNKNOWN", auth.lastRejection().orElseThrow());

        String badSignature = token("https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20250101%2Feu-west-1%2Fsts%2Faws4_request");
        assertEquals(Optional.empty(), auth.authenticate(badSignature));
        assertTrue(auth.lastRejection().orElseThrow().startsWith("invalid EKS token"));
    }

    @Test
    void eksTokenFromTheAwsCliIsAcceptedOnlyForItsCluster() throws Exception {
        String token = AwsCli.eksToken("c1", "AKIDEXAMPLE", "secret");
        EksTokenAuthenticator auth = new EksTokenAuthenticator("c1", Map.of("AKIDEXAMPLE", "secret")::get);
        assertEquals(Optional.of("AKIDEXAMPLE"), auth.authenticate(token));
        assertEquals(Optional.empty(), new EksTokenAuthenticator("c2", Map.of("AKIDEXAMPLE", "secret")::get)
                .authenticate(token));
        assertEquals(Optional.empty(), new EksTokenAuthenticator("c1", Map.of("AKIDEXAMPLE", "other")::get)
                .authenticate(token));

        try (KubeApiServer eks = KubeApiServer.start("c1", auth); KubernetesClient client = eks.client(token)) {
            assertEquals(List.of(), client.configMaps().list().getItems());
            assertEquals("AKIDEXAMPLE", eks.calls().get(0).principal());
        }
    }

    private HttpResponse<String> get(String path, String token, Duration timeout) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return http.send(putRequest(path, json).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder putRequest(String path, String json) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer good-token")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
    }

    private static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(Map.of("k", value))
                .build();
    }

    private static String token(String url) {
        return EksTokenVerifier.PREFIX + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(url.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
