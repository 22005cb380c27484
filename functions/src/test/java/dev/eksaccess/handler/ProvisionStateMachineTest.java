package dev.eksaccess.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.sso.RoleNotProvisionedYetException;
import dev.eksaccess.sso.RoleQuery;
import dev.eksaccess.testkit.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ProvisionAccessStateMachine's definition, read through template.yaml as SAM deploys it: valid JSON, every
 * state reachable and every transition landing on a state, every Task calling a function of the template
 * that the machine may invoke, and every Retry/Catch naming an error that is really raised.
 */
class ProvisionStateMachineTest {
    static final Path ROOT = Path.of("..");
    static final String MACHINE = "ProvisionAccessStateMachine";
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    /** Errors Step Functions itself reports for a Lambda task (its "Handling Lambda service exceptions"). */
    static final Set<String> LAMBDA_SERVICE_ERRORS = Set.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "Lambda.Unknown");
    static final Set<String> STATES_ERRORS = Set.of("States.ALL", "States.TaskFailed", "States.Timeout",
            "States.HeartbeatTimeout", "States.Runtime", "States.Permissions");
    /**
     * What each function's handler throws, as Lambda names it: the Java runtime reports errorType as the class's
     * getName() (aws-lambda-java-runtime-interface-client, Failure). Shown by ResolveRoleHandlerTest and
     * AccessHandlersTest.
     */
    static final Map<String, Set<Class<?>>> RAISED = Map.of(
            "ResolveRoleFunction", Set.of(RoleNotProvisionedYetException.class, InvalidInputException.class),
            "GrantAccessFunction", Set.of(ProvisioningFailedException.class, InvalidInputException.class),
            "RevokeAccessFunction", Set.of(ProvisioningFailedException.class, InvalidInputException.class));

    static SamTemplate template() {
        return SamTemplate.load(ROOT.resolve("template.yaml"), Map.of("AWS::Region", "eu-north-1",
                "AWS::AccountId", "111122223333", "AWS::Partition", "aws"));
    }

    static SamTemplate.StateMachine machine() {
        SamTemplate.StateMachine m = template().stateMachines().get(MACHINE);
        assertNotNull(m, "no " + MACHINE + " in template.yaml");
        return m;
    }

    static String raw() {
        try {
            return Files.readString(ROOT.resolve(machine().definitionUri()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function each substitution names (by !Ref F.Alias), or the parameter (by !Ref P). */
    static Map<String, String> targets() {
        Map<String, String> out = new LinkedHashMap<>();
        machine().substitutions().forEach((k, v) -> out.put(k, SamTemplate.referencedResource(v)));
        return out;
    }

    /** The definition as Step Functions gets it: function ARNs and parameter values substituted. */
    static JsonNode deployed() {
        SamTemplate template = template();
        Matcher m = PLACEHOLDER.matcher(raw());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String target = targets().get(m.group(1));
            String value = template.functions().containsKey(target)
                    ? "arn:aws:lambda:eu-north-1:111122223333:function:" + target : template.parameter(target);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Json.MAPPER.readTree(out.toString());
    }

    /** Every state of the machine, nested ones included, by name (names are unique across the machine here). */
    static Map<String, JsonNode> allStates(JsonNode scope) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        scope.get("States").properties().forEach(e -> {
            assertFalse(out.containsKey(e.getKey()), "state name used twice: " + e.getKey());
            out.put(e.getKey(), e.getValue());
            for (JsonNode inner : nested(e.getValue())) {
                allStates(inner).forEach(out::put);
            }
        });
        return out;
    }

    static List<JsonNode> nested(JsonNode state) {
        List<JsonNode> scopes = new ArrayList<>();
        for (String key : List.of("ItemProcessor", "Iterator")) {
            if (state.has(key)) {
                scopes.add(state.get(key));
            }
        }
        if (state.has("Branches")) {
            state.get("Branches").forEach(scopes::add);
        }
        return scopes;
    }

    static List<String> retriedErrors(String state) {
        List<String> errors = new ArrayList<>();
        allStates(deployed()).get(state).path("Retry").forEach(r -> r.get("ErrorEquals").forEach(e -> errors.add(e.asString())));
        return errors;
    }

    static Set<String> transitions(JsonNode state) {
        Set<String> next = new LinkedHashSet<>();
        if (state.has("Next")) {
            next.add(state.get("Next").asString());
        }
        if (state.has("Default")) {
            next.add(state.get("Default").asString());
        }
        state.path("Choices").forEach(c -> next.add(c.get("Next").asString()));
        state.path("Catch").forEach(c -> next.add(c.get("Next").asString()));
        return next;
    }

    @Test
    void theFileIsJsonAsWrittenAndAsDeployed() {
        assertEquals("statemachine/provision-access.asl.json", machine().definitionUri());
        assertTrue(Json.MAPPER.readTree(raw()).isObject(), "placeholders sit inside strings");
        assertEquals("CheckInput", deployed().get("StartAt").asString());
    }

    @Test
    void everyPlaceholderIsSubstitutedAndEverySubstitutionIsUsed() {
        Set<String> used = new HashSet<>();
        PLACEHOLDER.matcher(raw()).results().forEach(r -> used.add(r.group(1)));
        assertEquals(machine().substitutions().keySet(), used);
        targets().forEach((k, target) -> assertNotNull(target, k + " must be a !Ref or !GetAtt"));
    }

    @Test
    void everyStateIsReachableAndEveryTransitionLandsOnAState() {
        Deque<JsonNode> scopes = new ArrayDeque<>(List.of(deployed()));
        int checked = 0;
        while (!scopes.isEmpty()) {
            JsonNode scope = scopes.pop();
            JsonNode states = scope.get("States");
            Set<String> reached = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(scope.get("StartAt").asString()));
            while (!todo.isEmpty()) {
                String name = todo.pop();
                assertTrue(states.has(name), "transition to missing state " + name);
                if (reached.add(name)) {
                    JsonNode state = states.get(name);
                    String type = state.get("Type").asString();
                    Set<String> next = transitions(state);
                    boolean terminal = type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean();
                    assertTrue(type.equals("Choice") ? state.has("Choices") && !state.has("End")
                            : terminal != state.has("Next"), name + " needs exactly one of Next and End");
                    todo.addAll(next);
                    scopes.addAll(nested(state));
                }
            }
            Set<String> all = new HashSet<>();
            states.properties().forEach(e -> all.add(e.getKey()));
            assertEquals(all, reached, "unreachable states");
            checked += all.size();
        }
        assertEquals(allStates(deployed()).size(), checked);
    }

    @Test
    void everyTaskCallsAFunctionOfTheTemplateThatTheMachineMayInvoke() {
        SamTemplate template = template();
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        allStates(Json.MAPPER.readTree(raw())).forEach((name, s) -> {
            if (s.get("Type").asString().equals("Task")) {
                tasks.put(name, s);
            }
        });
        assertEquals(Set.of("ResolveRole", "Grant", "Revoke"), tasks.keySet());
        Map<String, Object> props = castMap(castMap(castMap(template.root().get("Resources")).get(MACHINE))
                .get("Properties"));
        Set<String> invocable = new HashSet<>();
        for (Object policy : (List<?>) props.get("Policies")) {
            Object invoke = castMap(policy).get("LambdaInvokePolicy");
            if (invoke != null) {
                invocable.add(SamTemplate.referencedResource(castMap(invoke).get("FunctionName")));
            }
        }
        tasks.forEach((name, task) -> {
            Matcher m = PLACEHOLDER.matcher(task.get("Resource").asString());
            assertTrue(m.matches(), name + ": Resource must be one substitution");
            String function = targets().get(m.group(1));
            assertTrue(template.functions().containsKey(function), name + " calls " + function + ", not a function");
            // The live alias (AutoPublishAlias): SnapStart applies to published versions, not to $LATEST.
            assertTrue(machine().substitutions().get(m.group(1)) instanceof SamTemplate.Intrinsic i
                    && i.name().equals("Ref") && String.valueOf(i.value()).equals(function + ".Alias"),
                    name + ": !Ref " + function + ".Alias");
            assertTrue(invocable.contains(function), name + ": no LambdaInvokePolicy for " + function);
        });
    }

    @Test
    void retriesAndCatchesNameOnlyErrorsThatAreReallyRaised() {
        Set<String> seen = new HashSet<>();
        allStates(deployed()).forEach((name, state) -> {
            String function = state.has("Resource") ? state.get("Resource").asString().replaceAll(".*:function:", "")
                    : null;
            List<JsonNode> handlers = new ArrayList<>();
            state.path("Retry").forEach(handlers::add);
            state.path("Catch").forEach(handlers::add);
            for (JsonNode h : handlers) {
                for (JsonNode e : h.get("ErrorEquals")) {
                    String error = e.asString();
                    seen.add(error);
                    if (error.startsWith("States.")) {
                        assertTrue(STATES_ERRORS.contains(error), name + ": unknown " + error);
                    } else if (error.startsWith("Lambda.")) {
                        assertTrue(LAMBDA_SERVICE_ERRORS.contains(error), name + ": unknown " + error);
                    } else {
                        assertNotNull(function, name + " is no Task, yet names " + error);
                        assertTrue(RAISED.get(function).stream().anyMatch(c -> c.getName().equals(error)),
                                name + ": " + function + " never raises " + error + " (Lambda names errors by "
                                        + "their class's getName())");
                    }
                }
            }
        });
        assertTrue(seen.contains(RoleNotProvisionedYetException.class.getName()));
        assertTrue(seen.contains(ProvisioningFailedException.class.getName()));
        JsonNode retry = allStates(deployed()).get("ResolveRole").get("Retry").get(0);
        assertTrue(retry.get("MaxAttempts").asInt() > 0 && retry.get("MaxAttempts").asInt() <= 10, "bounded");
        assertTrue(retry.get("BackoffRate").asDouble() > 1.0, "backs off");
    }

    @Test
    void mapConcurrencyComesFromATemplateParameter() {
        JsonNode map = allStates(deployed()).get("ForEachCluster");
        assertEquals("$.limits.maxConcurrency", map.get("MaxConcurrencyPath").asString());
        assertEquals("States.StringToJson('" + template().parameter("MaxParallelClusters") + "')",
                allStates(deployed()).get("Limits").get("Parameters").get("maxConcurrency.$").asString());
        assertEquals("MaxParallelClusters", targets().get("MaxConcurrency"));
        Map<String, Object> parameter = castMap(castMap(template().root().get("Parameters")).get("MaxParallelClusters"));
        assertEquals("Number", parameter.get("Type"));
        assertTrue((Integer) parameter.get("MinValue") >= 1);
    }

    /** The sample inputs give ResolveRole a valid request and, per cluster, Grant/Revoke a one-cluster request. */
    @Test
    void theSampleInputsMakeValidRequestsForEveryCall() {
        for (String file : List.of("provision-grant.json", "provision-revoke.json")) {
            JsonNode input = Json.MAPPER.readTree(LocalCloud.event(file));
            JsonNode role = input.get("role");
            new RoleQuery(AccountId.of("accountId", role.get("accountId").asString()),
                    role.path("permissionSetArn").asString(null), role.path("permissionSetName").asString(null),
                    role.path("instanceArn").asString(null), role.path("region").asString(null));
            for (JsonNode cluster : input.get("clusters")) {
                // What BuildRequest makes: States.JsonMerge(options, {clusters: [cluster], arn}), the second winning.
                ObjectNode request = ((ObjectNode) input.get("options")).deepCopy();
                request.putArray("clusters").add(cluster);
                request.put("arn", "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
                        + "AWSReservedSSO_AdministratorAccess_0123456789abcdef");
                byte[] bytes = Json.MAPPER.writeValueAsBytes(request);
                AccessRequest parsed = input.get("action").asString().equals("grant") ? AccessRequest.grant(bytes)
                        : AccessRequest.revoke(bytes);
                assertEquals(1, parsed.clusters().size(), file);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
