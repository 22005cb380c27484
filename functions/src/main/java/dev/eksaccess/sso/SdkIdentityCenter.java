package dev.eksaccess.sso;

import dev.eksaccess.eks.AwsClients;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignmentOperationStatus;
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
    public String permissionSetName(AccountAssignment a) {
        String cached = names.get(a.permissionSetArn());
        if (cached != null) {
            return cached;
        }
        String name = client(a).describePermissionSet(r -> r.instanceArn(a.instanceArn())
                .permissionSetArn(a.permissionSetArn())).permissionSet().name();
        String checked = PermissionSetName.check("permission set name from DescribePermissionSet", name);
        names.put(a.permissionSetArn(), checked);
        return checked;
    }

    @Override
    public ProvisioningStatus creationStatus(AccountAssignment a) {
        if (a.requestId() == null) {
            return ProvisioningStatus.of(ProvisioningStatus.State.UNKNOWN);
        }
        AccountAssignmentOperationStatus status;
        try {
            status = client(a).describeAccountAssignmentCreationStatus(r -> r.instanceArn(a.instanceArn())
                    .accountAssignmentCreationRequestId(a.requestId())).accountAssignmentCreationStatus();
        } catch (ResourceNotFoundException forgotten) {
            return ProvisioningStatus.of(ProvisioningStatus.State.UNKNOWN);
        }
        ProvisioningStatus.State state = switch (String.valueOf(status.statusAsString())) {
            case "IN_PROGRESS" -> ProvisioningStatus.State.IN_PROGRESS;
            case "SUCCEEDED" -> ProvisioningStatus.State.SUCCEEDED;
            case "FAILED" -> ProvisioningStatus.State.FAILED;
            default -> ProvisioningStatus.State.UNKNOWN;
        };
        return new ProvisioningStatus(state, status.failureReason());
    }

    @Override
    public List<AssignedPrincipal> principals(AccountAssignment a) {
        return client(a).listAccountAssignmentsPaginator(r -> r.instanceArn(a.instanceArn())
                        .accountId(a.account().value()).permissionSetArn(a.permissionSetArn()))
                .accountAssignments().stream()
                .map(x -> new AssignedPrincipal(x.principalTypeAsString(), x.principalId()))
                .toList();
    }

    private SsoAdminClient client(AccountAssignment a) {
        return clients.client("SSO_ADMIN", SsoAdminClient::builder, a.region(), clients.baseCredentials());
    }
}
