package dev.eksaccess.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Talks to moto with plain HTTP (moto checks no signatures), so the facts in MotoServer's javadoc stay true. */
class MotoServerTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsAnswersResetsAndLeavesNoProcessBehind() throws Exception {
        MotoServer moto = MotoServer.start();
        List<ProcessHandle> processes = new ArrayList<>();
        try {
            String identity = query(moto, "sts", KEY, "Action=GetCallerIdentity&Version=2011-06-15");
            assertEquals(MotoServer.DEFAULT_ACCOUNT_ID, xml(identity, "Account"));

            createRole(moto, KEY, "Kept", "/");
            assertTrue(listRoles(moto, KEY, "/").contains("Kept"));
            moto.reset();
            assertFalse(listRoles(moto, KEY, "/").contains("Kept"));

            processes.add(moto.processHandle());
            moto.processHandle().descendants().forEach(processes::add);
            assertTrue(moto.processHandle().isAlive());
        } finally {
            moto.close();
        }
        processes.forEach(p -> assertFalse(p.isAlive(), "still running: " + p.info()));
        assertThrows(ConnectException.class, () -> HTTP.send(HttpRequest.newBuilder(moto.endpoint()).build(),
                HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void sharedIsOnePerJvm() {
        assertSame(MotoServer.shared(), MotoServer.shared());
    }

    @Test
    void missingExecutableSaysHowToInstallIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MotoServer.locateExecutable(null, "/nonexistent"));
        assertTrue(e.getMessage().contains("pip install 'moto[server]'"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> MotoServer.locateExecutable("/nonexistent/moto", null));
    }

    @Test
    void assumedRoleCredentialsActInTheRolesAccountEvenIfTheRoleDoesNotExist() throws Exception {
        MotoServer moto = MotoServer.shared();
        String assumed = query(moto, "sts", KEY, "Action=AssumeRole&Version=2011-06-15&RoleSessionName=s1"
                + "&RoleArn=" + enc("arn:aws:iam::222222222222:role/NotThere"));
        String sessionKey = xml(assumed, "AccessKeyId");
        assertTrue(sessionKey.startsWith("ASIA"), sessionKey);

        String identity = query(moto, "sts", sessionKey, "Action=GetCallerIdentity&Version=2011-06-15");
        assertEquals("222222222222", xml(identity, "Account"));
        assertEquals("arn:aws:sts::222222222222:assumed-role/NotThere/s1", xml(identity, "Arn"));

        createRole(moto, sessionKey, "InOtherAccount", "/");
        assertTrue(listRoles(moto, sessionKey, "/").contains("arn:aws:iam::222222222222:role/InOtherAccount"));
        assertFalse(listRoles(moto, KEY, "/").contains("InOtherAccount"));

        HttpResponse<String> eks = send(moto, "eks", sessionKey, "POST", "/clusters", "{\"name\":\"acct2\","
                + "\"roleArn\":\"arn:aws:iam::222222222222:role/eks\","
                + "\"resourcesVpcConfig\":{\"subnetIds\":[\"s-1\"]}}");
        assertTrue(eks.body().contains("arn:aws:eks:eu-west-1:222222222222:cluster/acct2"), eks.body());
    }

    @Test
    void eksDescribeClusterHasAFakeEndpointAndNoAccessConfig() throws Exception {
        MotoServer moto = MotoServer.shared();
        HttpResponse<String> created = send(moto, "eks", KEY, "POST", "/clusters", "{\"name\":\"fake\","
                + "\"roleArn\":\"arn:aws:iam::123456789012:role/none\","
                + "\"resourcesVpcConfig\":{\"subnetIds\":[\"s-1\"]},"
                + "\"accessConfig\":{\"authenticationMode\":\"API_AND_CONFIG_MAP\"}}");
        assertEquals(200, created.statusCode(), created.body());

        String described = send(moto, "eks", KEY, "GET", "/clusters/fake", null).body();
        assertTrue(Pattern.compile("\"endpoint\": ?\"https://[^\"]+\\.eu-west-1\\.eks\\.amazonaws\\.com/\"")
                .matcher(described).find(), described);
        assertTrue(described.contains("\"certificateAuthority\""), described);
        assertTrue(described.contains("\"status\": \"ACTIVE\"") || described.contains("\"status\":\"ACTIVE\""));
        assertFalse(described.contains("accessConfig"), "moto 5.2.1 drops accessConfig");
        assertEquals(404, send(moto, "eks", KEY, "GET", "/clusters/fake/access-entries", null).statusCode());
    }

    @Test
    void rolesKeepTheirPathAndListRolesFiltersByPrefix() throws Exception {
        MotoServer moto = MotoServer.shared();
        String account = "333333333333"; // a fresh account, by moto's per-request header
        createRole(moto, KEY, account, "AWSReservedSSO_Admin_0123456789abcdef",
                "/aws-reserved/sso.amazonaws.com/eu-west-1/");
        createRole(moto, KEY, account, "AWSReservedSSO_Read_fedcba9876543210", "/aws-reserved/sso.amazonaws.com/");
        createRole(moto, KEY, account, "Plain", "/");

        String sso = listRoles(moto, KEY, account, "/aws-reserved/sso.amazonaws.com/");
        assertTrue(sso.contains("arn:aws:iam::333333333333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
                + "AWSReservedSSO_Admin_0123456789abcdef"), sso);
        assertTrue(sso.contains("AWSReservedSSO_Read_fedcba9876543210"));
        assertFalse(sso.contains("Plain"));
        String regional = listRoles(moto, KEY, account, "/aws-reserved/sso.amazonaws.com/eu-west-1/");
        assertFalse(regional.contains("AWSReservedSSO_Read_"));
    }

    private static void createRole(MotoServer moto, String key, String name, String path) throws Exception {
        createRole(moto, key, null, name, path);
    }

    private static void createRole(MotoServer moto, String key, String account, String name, String path)
            throws Exception {
        query(moto, "iam", key, account, "Action=CreateRole&Version=2010-05-08&RoleName=" + name + "&Path="
                + enc(path) + "&AssumeRolePolicyDocument=" + enc("{}"));
    }

    private static String listRoles(MotoServer moto, String key, String prefix) throws Exception {
        return listRoles(moto, key, null, prefix);
    }

    private static String listRoles(MotoServer moto, String key, String account, String prefix) throws Exception {
        return query(moto, "iam", key, account, "Action=ListRoles&Version=2010-05-08&PathPrefix=" + enc(prefix));
    }

    private static String query(MotoServer moto, String service, String key, String form) throws Exception {
        return query(moto, service, key, null, form);
    }

    /** AWS query protocol; moto routes by the service in the credential scope and finds the account by key. */
    private static String query(MotoServer moto, String service, String key, String account, String form)
            throws Exception {
        HttpRequest.Builder request = request(moto, service, key, "/")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (account != null) {
            request.header(MotoServer.ACCOUNT_HEADER, account);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static HttpResponse<String> send(MotoServer moto, String service, String key, String method, String path,
                                             String json) throws IOException, InterruptedException {
        HttpRequest request = request(moto, service, key, path).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(MotoServer moto, String service, String key, String path) {
        return HttpRequest.newBuilder(URI.create(moto.endpoint() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/20250101/eu-west-1/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=0");
    }

    private static String xml(String body, String element) {
        Matcher m = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(body);
        assertTrue(m.find(), element + " not in " + body);
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
