package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.eks.AwsClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignmentOperationStatus;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;

/**
 * {@link IdentityCenter} through the SDK with the function's own credentials: the function runs in the
 * management (or delegated administrator) account, where the instance lives.
 */
public final class SdkIdentityCenter implements IdentityCenter {
    private final AwsClients clients;
    /** A permission set's name cannot change, so one lookup per container is enough. */
    private final ConcurrentMap<String, String> names = new ConcurrentHashMap<>();

    public SdkIdentityCenter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public List<String> instances(String region) {
        return client(region).listInstancesPaginator(r -> { }).instances().stream()
                .map(InstanceMetadata::instanceArn).toList();
    }

    @Override
    public Map<String, String> permissionSets(IdentityCenterInstance instance) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String arn : client(instance.region()).listPermissionSetsPaginator(r -> r.instanceArn(instance.arn()))
                .permissionSets()) {
            byName.put(permissionSetName(instance, arn), arn);
        }
        return byName;
    }

    @Override
    public String permissionSetName(IdentityCenterInstance instance, String permissionSetArn) {
        String cached = names.get(permissionSetArn);
        if (cached != null) {
            return cached;
        }
        String name = client(instance.region()).describePermissionSet(r -> r.instanceArn(instance.arn())
                .permissionSetArn(permissionSetArn)).permissionSet().name();
        String checked = PermissionSetName.check("permission set name from DescribePermissionSet", name);
        names.put(permissionSetArn, checked);
        return checked;
    }

    @Override
    public List<AccountId> accountsWithPermissionSet(IdentityCenterInstance instance, String permissionSetArn) {
        return client(instance.region()).listAccountsForProvisionedPermissionSetPaginator(r -> r
                        .instanceArn(instance.arn()).permissionSetArn(permissionSetArn)).accountIds().stream()
                .map(id -> AccountId.of("account from ListAccountsForProvisionedPermissionSet", id))
                .distinct().toList();
    }

    @Override
    public List<AssignedPrincipal> principals(IdentityCenterInstance instance, AccountId account,
                                              String permissionSetArn) {
        return client(instance.region()).listAccountAssignmentsPaginator(r -> r.instanceArn(instance.arn())
                        .accountId(account.value()).permissionSetArn(permissionSetArn))
                .accountAssignments().stream()
                .map(x -> new AssignedPrincipal(x.principalTypeAsString(), x.principalId()))
                .toList();
    }

    @Override
    public ProvisioningStatus creationStatus(AccountAssignment a) {
        return status(a, sso -> sso.describeAccountAssignmentCreationStatus(r -> r.instanceArn(a.instanceArn())
                .accountAssignmentCreationRequestId(a.requestId())).accountAssignmentCreationStatus());
    }

    @Override
    public ProvisioningStatus deletionStatus(AccountAssignment a) {
        return status(a, sso -> sso.describeAccountAssignmentDeletionStatus(r -> r.instanceArn(a.instanceArn())
                .accountAssignmentDeletionRequestId(a.requestId())).accountAssignmentDeletionStatus());
    }

    /** The status {@code call} reads for the event's request; UNKNOWN without one, or one Identity Center forgot. */
    private ProvisioningStatus status(AccountAssignment a,
                                      Function<SsoAdminClient, AccountAssignmentOperationStatus> call) {
        if (a.requestId() == null) {
            return ProvisioningStatus.of(ProvisioningStatus.State.UNKNOWN);
        }
        try {
            return status(call.apply(client(a.region())));
        } catch (ResourceNotFoundException forgotten) {
            return ProvisioningStatus.of(ProvisioningStatus.State.UNKNOWN);
        }
    }

    private static ProvisioningStatus status(AccountAssignmentOperationStatus status) {
        ProvisioningStatus.State state = switch (String.valueOf(status.statusAsString())) {
            case "IN_PROGRESS" -> ProvisioningStatus.State.IN_PROGRESS;
            case "SUCCEEDED" -> ProvisioningStatus.State.SUCCEEDED;
            case "FAILED" -> ProvisioningStatus.State.FAILED;
            default -> ProvisioningStatus.State.UNKNOWN;
        };
        return new ProvisioningStatus(state, status.failureReason());
    }

    private SsoAdminClient client(String region) {
        return clients.client("SSO_ADMIN", SsoAdminClient::builder, region, clients.baseCredentials());
    }
}
