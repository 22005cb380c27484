package dev.eksaccess.handler;

import dev.eksaccess.access.AccessPlan;
import dev.eksaccess.access.AccessPlanner;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.eks.EksTokenPresigner;
import dev.eksaccess.eks.IamQuery;
import dev.eksaccess.eks.SignedAwsCalls;
import dev.eksaccess.eks.SsmParameters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
 * (request JSON, aws-auth YAML parse/plan/render, SDK marshalling against canned responses, IAM and SSM
 * signed calls against {@link PrimingHttpClient}, SigV4 signing) so their classes are loaded and compiled in
 * the snapshot. Nothing that outlives the snapshot is created: no client of ours, no real credentials, no
 * token; every restored container resolves its own credentials and signs its own tokens.
 */
public final class Priming implements Resource {
    /** CRaC holds resources weakly: keep ours alive. */
    private static final Priming INSTANCE = new Priming();
    private static final String SAMPLE_DATA = "- rolearn: arn:aws:iam::111122223333:role/eks-node\n"
            + "  username: system:node:{{EC2PrivateDNSName}}\n  groups: [system:bootstrappers, system:nodes]\n";

    private Priming() {
    }

    /** Registers the hook once per class loader; safe on JVMs without CRaC (a no-op there). */
    public static void register() {
        RegisterOnce.DONE.hashCode();
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
        byte[] request = ("{\"clusters\":[{\"name\":\"prime\",\"region\":\"eu-north-1\"}],"
                + "\"arn\":\"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
                + "AWSReservedSSO_Prime_0123456789abcdef\",\"username\":\"admin:{{SessionName}}\","
                + "\"groups\":[\"system:masters\"]}").getBytes(StandardCharsets.UTF_8);
        AccessRequest parsed = AccessRequest.grant(request);
        Map<String, String> data = Map.of("mapRoles", SAMPLE_DATA);
        AccessPlan plan = AccessPlanner.plan(AwsAuthDocument.parse(data), parsed.change());
        plan.apply(data);
        Json.MAPPER.writeValueAsString(Json.object().put("diff", plan.diff()));
        SdkWarmUp.warmUp(EksClient.class, StsClient.class, SsoAdminClient.class);
        StaticCredentialsProvider priming = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAPRIMINGONLY00000", "priming-only-not-a-secret"));
        // A throwaway SignedAwsCalls: its retry quota and the canned client do not outlive priming.
        SignedAwsCalls canned = new SignedAwsCalls(new PrimingHttpClient());
        IamQuery iam = new IamQuery(canned, IamQuery.endpoint("eu-north-1", Optional.empty()), priming,
                IamQuery.PAGE_SIZE);
        iam.listRoleArns("/aws-reserved/sso.amazonaws.com/");
        iam.roleArn("AWSReservedSSO_Prime_0123456789abcdef");
        iam.roleArn(PrimingHttpClient.MISSING_ROLE);
        new SsmParameters(canned, SsmParameters.endpoint("eu-north-1", Optional.empty()), priming).value("/prime");
        new EksTokenPresigner(priming, Clock.systemUTC()).presign("prime", "eu-north-1");
    }
}
