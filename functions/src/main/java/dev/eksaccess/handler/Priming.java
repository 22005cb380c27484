package dev.eksaccess.handler;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessPlan;
import dev.eksaccess.access.AccessPlanner;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.eks.EksDescribeCluster;
import dev.eksaccess.eks.EksTokenPresigner;
import dev.eksaccess.eks.EndpointOptions;
import dev.eksaccess.eks.Environment;
import dev.eksaccess.eks.Fabric8ClusterConnector;
import dev.eksaccess.eks.IamQuery;
import dev.eksaccess.eks.SignedAwsCalls;
import dev.eksaccess.eks.SsmParameters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SnapStart priming: before Lambda snapshots an initialised container, run the hot paths once offline
 * (request JSON, aws-auth YAML parse/plan/render, a TLS ClientHello, SDK marshalling against canned
 * responses, the IAM, SSM and EKS DescribeCluster signed calls against {@link PrimingHttpClient}, SigV4
 * signing) so their classes are loaded and compiled in the snapshot. Nothing that outlives the snapshot is
 * created: no client of ours, no real credentials, no token; every restored container resolves its own
 * credentials and signs its own tokens.
 */
public final class Priming implements Resource {
    /** CRaC holds resources weakly: keep ours alive. */
    private static final Priming INSTANCE = new Priming();
    /** The variable that turns the cold-start warm-up thread off. */
    public static final String WARM_UP = "COLD_START_WARM_UP";
    /** Once per class loader: later handlers find everything loaded. */
    private static final AtomicBoolean WARMING = new AtomicBoolean();
    /** Throwaway keys: priming signs with nothing real. */
    private static final StaticCredentialsProvider PRIMING_KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAPRIMINGONLY00000", "priming-only-not-a-secret"));
    /** An aws-auth as clusters have it: node role, a mapUsers entry and mapAccounts (each parsed its own way). */
    private static final Map<String, String> SAMPLE_DATA = Map.of(
            "mapRoles", "- rolearn: arn:aws:iam::111122223333:role/eks-node\n"
                    + "  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n    - system:bootstrappers\n"
                    + "    - system:nodes\n",
            "mapUsers", "- userarn: arn:aws:iam::111122223333:user/alice\n  username: alice\n  groups: [eks-viewers]\n",
            "mapAccounts", "- \"444455556666\"\n");

    private Priming() {
    }

    /**
     * Registers the hook once per class loader, unless this container can never be snapshotted; safe on
     * JVMs without CRaC (a no-op there). See {@link #snapshotPossible}.
     */
    public static void register(Environment env) {
        if (snapshotPossible(env)) {
            RegisterOnce.DONE.hashCode();
        }
    }

    /**
     * Lambda names how it initialises a container in {@code AWS_LAMBDA_INITIALIZATION_TYPE}: on-demand,
     * provisioned-concurrency or snap-start; only snap-start takes a snapshot. Registering costs a cold
     * start 10-25 ms (loading the CRaC classes and probing the JVM), so it is skipped where no snapshot can
     * follow. Outside Lambda (no variable) the hook is registered, for a CRaC JVM checkpointing on its own.
     */
    static boolean snapshotPossible(Environment env) {
        return env.get("AWS_LAMBDA_INITIALIZATION_TYPE").map("snap-start"::equals).orElse(true);
    }

    private static final class RegisterOnce {
        static final Object DONE = new Object();

        static {
            Core.getGlobalContext().register(INSTANCE);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: priming kept no credentials, tokens or connections.
    }

    /** The offline work itself (tests call it directly; a JVM without CRaC never checkpoints). */
    static void prime() {
        primeAccessPath();
        Fabric8ClusterConnector.warmUpTls();
        SdkWarmUp.warmUp(EksClient.class, StsClient.class, SsoAdminClient.class);
        // A throwaway SignedAwsCalls: its retry quota and the canned client do not outlive priming.
        SignedAwsCalls canned = new SignedAwsCalls(new PrimingHttpClient());
        IamQuery iam = new IamQuery(canned.to(IamQuery.endpoint("eu-north-1", Optional.empty(),
                EndpointOptions.STANDARD), PRIMING_KEYS), IamQuery.PAGE_SIZE);
        iam.listRoleArns("/aws-reserved/sso.amazonaws.com/");
        iam.roleArn("AWSReservedSSO_Prime_0123456789abcdef");
        iam.roleArn(PrimingHttpClient.MISSING_ROLE);
        new SsmParameters(canned.to(SsmParameters.endpoint("eu-north-1", Optional.empty(),
                EndpointOptions.STANDARD), PRIMING_KEYS)).value("/prime");
        new EksDescribeCluster(canned.to(EksDescribeCluster.endpoint("eu-north-1", Optional.empty(),
                EndpointOptions.STANDARD), PRIMING_KEYS)).describe("prime");
    }

    /**
     * A cold start without SnapStart: builds the handler's core ({@code core}: its AWS HTTP client, whose
     * TLS set-up loads the JVM's trust store, and what DescribeCluster needs) on one thread and runs
     * {@link #primeAccessPath} on another, so that both overlap the first invocation's own work (reading its
     * request) instead of following it, and neither waits for the other. Outside SnapStart, building
     * clients at init is what Lambda expects; the invocation waits for the core if it is not ready, or
     * builds it itself if this failed. Once per class loader. Off with {@value #WARM_UP}=off; skipped in a
     * SnapStart init, where nothing may outlive the snapshot and {@link #beforeCheckpoint} primes.
     */
    static void primeInBackground(Environment env, Runnable core) {
        if (env.get(WARM_UP).map("off"::equalsIgnoreCase).orElse(false)
                || env.get("AWS_LAMBDA_INITIALIZATION_TYPE").map("snap-start"::equals).orElse(false)
                || !WARMING.compareAndSet(false, true)) {
            return;
        }
        start("eks-access-warm-up-core", () -> {
            try {
                core.run();
            } catch (RuntimeException | LinkageError e) {
                // The invocation builds it again and reports the error.
            }
        });
        start("eks-access-warm-up", () -> {
            try {
                primeAccessPath();
            } catch (RuntimeException | LinkageError e) {
                // Only a warm-up: the invocation does the same work and reports its own errors.
            }
        });
    }

    private static void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * What a grant, revoke or list runs after its request is parsed and DescribeCluster answered: the
     * fabric8 client with its ConfigMap serialization (the slowest to warm, so first), a token signature,
     * aws-auth YAML parse, plan and render, then request and result JSON. No TLS ClientHello here: a cold
     * start's DescribeCluster does a real handshake before the cluster's, and a background one only took
     * CPU from the invocation (issue #8, measured); {@link #prime} adds it for SnapStart.
     */
    static void primeAccessPath() {
        Fabric8ClusterConnector.warmUp();
        new EksTokenPresigner(PRIMING_KEYS, Clock.systemUTC()).presign("prime", "eu-north-1");
        AccessPlan plan = AccessPlanner.plan(AwsAuthDocument.parse(SAMPLE_DATA), AccessChange.GrantIdentity.of(
                "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
                        + "AWSReservedSSO_Prime_0123456789abcdef", "admin:{{SessionName}}", List.of("system:masters")));
        plan.apply(SAMPLE_DATA);
        byte[] request = ("{\"clusters\":[{\"name\":\"prime\",\"region\":\"eu-north-1\"}],"
                + "\"arn\":\"arn:aws:iam::111122223333:role/prime\",\"username\":\"admin:{{SessionName}}\","
                + "\"groups\":[\"system:masters\"]}").getBytes(StandardCharsets.UTF_8);
        AccessRequest.grant(request);
        Json.MAPPER.writeValueAsString(Json.object().put("diff", plan.diff()));
    }
}
