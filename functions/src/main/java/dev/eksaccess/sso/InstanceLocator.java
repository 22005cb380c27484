package dev.eksaccess.sso;

import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.eks.Environment;
import java.util.List;
import java.util.Optional;

/**
 * Which Identity Center instance reconcile and ResolveRoleFunction talk to when a request does not say:
 * {@value #INSTANCE} and {@value #REGION} if set, else the one instance ListInstances finds in the
 * region (AWS_REGION when {@value #REGION} is unset: the stack lives in the Identity Center home region).
 */
public final class InstanceLocator {
    public static final String INSTANCE = "SSO_INSTANCE_ARN";
    public static final String REGION = "SSO_REGION";

    private final String configuredArn;
    private final String configuredRegion;
    private final IdentityCenter identityCenter;

    public InstanceLocator(String configuredArn, String configuredRegion, IdentityCenter identityCenter) {
        this.configuredArn = configuredArn == null ? null : IdentityCenterInstance.check(INSTANCE, configuredArn);
        this.configuredRegion = configuredRegion == null ? null : ClusterRef.checkRegion(REGION, configuredRegion);
        this.identityCenter = identityCenter;
    }

    public static InstanceLocator fromEnvironment(Environment env, IdentityCenter identityCenter) {
        Optional<String> region = env.get(REGION).or(() -> env.get("AWS_REGION"));
        return new InstanceLocator(env.get(INSTANCE).orElse(null), region.orElse(null), identityCenter);
    }

    /** The instance: the given values first (either may be null), then the configured ones, then ListInstances. */
    public IdentityCenterInstance locate(String instanceArn, String region) {
        String where = region != null ? region : configuredRegion;
        if (where == null) {
            throw new IllegalStateException("no Identity Center region: set " + REGION + " (or AWS_REGION), or give "
                    + "region in the request");
        }
        String arn = instanceArn != null ? instanceArn : configuredArn;
        if (arn == null) {
            List<String> found = identityCenter.instances(where);
            if (found.size() != 1) {
                throw new IllegalStateException("ListInstances in " + where + " found " + found.size() + " Identity "
                        + "Center instances; set " + INSTANCE + " (and " + REGION + " to its home region)");
            }
            arn = found.get(0);
        }
        return new IdentityCenterInstance(where, arn);
    }
}
