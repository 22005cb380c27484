package dev.eksaccess.sso;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.eks.AccountCredentials;
import dev.eksaccess.eks.AwsClients;
import dev.eksaccess.eks.Environment;

/**
 * The core of ResolveRoleFunction: a permission set and an account in, its reserved role out. It never
 * waits: while the role is being provisioned it throws {@link RoleNotProvisionedYetException}, and the
 * caller (the state machine's Retry) decides how long to keep asking.
 */
public final class RoleResolver {
    private final IdentityCenter identityCenter;
    private final InstanceLocator instances;
    private final ReservedRoleLookup roles;

    public RoleResolver(IdentityCenter identityCenter, InstanceLocator instances, ReservedRoles roles) {
        this.identityCenter = identityCenter;
        this.instances = instances;
        this.roles = new ReservedRoleLookup(identityCenter, roles);
    }

    /** Wires the SDK adapters from the function's variables; built once per container. */
    public static RoleResolver fromEnvironment(Environment env) {
        AwsClients clients = new AwsClients(env);
        IdentityCenter identityCenter = new SdkIdentityCenter(clients);
        return new RoleResolver(identityCenter, InstanceLocator.fromEnvironment(env, identityCenter),
                new IamReservedRoles(clients, new AccountCredentials(clients)));
    }

    public ResolvedRole resolve(RoleQuery q) {
        IdentityCenterInstance instance = instances.locate(q.instanceArn(), q.region());
        String name = q.permissionSetName() != null ? q.permissionSetName()
                : identityCenter.permissionSetName(instance, q.permissionSetArn());
        // The ARN is needed only when the role is missing (to ask who holds it): by name, that costs a listing.
        return new ResolvedRole(name, q.account(), roles.resolve(instance, q.account(), name,
                () -> q.permissionSetArn() != null ? q.permissionSetArn() : arnOf(instance, name),
                "; Identity Center is still provisioning it").orElse(null));
    }

    private String arnOf(IdentityCenterInstance instance, String name) {
        String arn = identityCenter.permissionSets(instance).get(name);
        if (arn == null) {
            throw new InvalidInputException("permissionSetName", "no permission set named " + name + " in "
                    + instance.arn());
        }
        return arn;
    }
}
