package dev.eksaccess.eks;

import dev.eksaccess.access.AccessEntryCall;
import dev.eksaccess.access.AccessEntryState;
import dev.eksaccess.access.AccessPolicyGrant;
import dev.eksaccess.access.AccessRefusedException;
import dev.eksaccess.access.ClusterRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessEntry;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** {@link AccessEntryStore} on the EKS API (REST-JSON, through the SDK). */
final class SdkAccessEntryStore implements AccessEntryStore {
    private final EksClient eks;
    private final ClusterRef cluster;

    SdkAccessEntryStore(EksClient eks, ClusterRef cluster) {
        this.eks = eks;
        this.cluster = cluster;
    }

    @Override
    public List<String> principalArns() {
        try {
            List<String> arns = new ArrayList<>();
            eks.listAccessEntriesPaginator(r -> r.clusterName(cluster.name())).accessEntries().forEach(arns::add);
            return arns;
        } catch (InvalidRequestException e) {
            throw refused("ListAccessEntries", e);
        }
    }

    @Override
    public Optional<AccessEntryState> read(String principalArn, boolean withPolicies) {
        AccessEntry entry;
        try {
            entry = eks.describeAccessEntry(r -> r.clusterName(cluster.name()).principalArn(principalArn)).accessEntry();
        } catch (ResourceNotFoundException gone) {
            return Optional.empty();
        }
        List<AccessPolicyGrant> policies = new ArrayList<>();
        if (withPolicies) {
            try {
                for (AssociatedAccessPolicy p : eks.listAssociatedAccessPoliciesPaginator(r -> r
                        .clusterName(cluster.name()).principalArn(principalArn)).associatedAccessPolicies()) {
                    boolean namespaced = p.accessScope() != null && p.accessScope().type() == AccessScopeType.NAMESPACE;
                    policies.add(AccessPolicyGrant.fromArn(p.policyArn(),
                            namespaced ? p.accessScope().namespaces() : List.of()));
                }
            } catch (ResourceNotFoundException gone) {
                return Optional.empty();
            }
        }
        return Optional.of(new AccessEntryState(entry.principalArn(), entry.type(), entry.username(),
                entry.kubernetesGroups(), entry.tags(), policies));
    }

    @Override
    public void write(AccessEntryCall call) {
        String name = cluster.name();
        try {
            if (call instanceof AccessEntryCall.Create c) {
                eks.createAccessEntry(r -> r.clusterName(name).principalArn(c.principalArn()).type(AccessEntryState.STANDARD)
                        .username(c.username()).kubernetesGroups(c.groups()).tags(c.tags().isEmpty() ? null : c.tags()));
            } else if (call instanceof AccessEntryCall.Update u) {
                eks.updateAccessEntry(r -> r.clusterName(name).principalArn(u.principalArn()).username(u.username())
                        .kubernetesGroups(u.groups()));
            } else if (call instanceof AccessEntryCall.Delete d) {
                eks.deleteAccessEntry(r -> r.clusterName(name).principalArn(d.principalArn()));
            } else if (call instanceof AccessEntryCall.Associate a) {
                eks.associateAccessPolicy(r -> r.clusterName(name).principalArn(a.principalArn()).policyArn(a.policyArn())
                        .accessScope(s -> {
                            if (a.policy().clusterScope()) {
                                s.type(AccessScopeType.CLUSTER);
                            } else {
                                s.type(AccessScopeType.NAMESPACE).namespaces(a.policy().namespaces());
                            }
                        }));
            } else if (call instanceof AccessEntryCall.Disassociate d) {
                eks.disassociateAccessPolicy(r -> r.clusterName(name).principalArn(d.principalArn())
                        .policyArn(d.policyArn()));
            }
        } catch (ResourceNotFoundException notFound) {
            // Gone, as asked. Most likely by this very call: a DELETE whose answer was lost is sent again (by
            // the HTTP client itself, unseen by the SDK), and that second one finds nothing. A policy removal
            // counts as done only while the entry is there: with the entry gone, the grant must plan again.
            if (call instanceof AccessEntryCall.Delete
                    || call instanceof AccessEntryCall.Disassociate d && entryExists(d.principalArn())) {
                return;
            }
            if (call instanceof AccessEntryCall.Associate a && entryExists(a.principalArn())) {
                // EKS answers an unknown policy (a misspelt name) with the same error as a missing entry; the
                // entry is there, so no retry will help.
                throw new AccessRefusedException("EKS has no access policy " + a.policyArn() + " (AssociateAccessPolicy "
                        + "for " + a.principalArn() + " on " + describe() + ": " + message(notFound) + "); "
                        + "`aws eks list-access-policies` lists those there are");
            }
            throw new WriteConflictException("access entry " + call.principalArn() + " in " + describe()
                    + " changed under us: " + message(notFound), notFound);
        } catch (ResourceInUseException raced) {
            // Someone created or removed the entry since we read it: read again and re-plan.
            throw new WriteConflictException("access entry " + call.principalArn() + " in " + describe()
                    + " changed under us: " + message(raced), raced);
        } catch (InvalidParameterException | InvalidRequestException e) {
            throw refused(operation(call) + " for " + call.principalArn(), e);
        }
    }

    /** Whether the entry is there; false too when that cannot be told (the caller then reads and plans again). */
    private boolean entryExists(String principalArn) {
        try {
            eks.describeAccessEntry(r -> r.clusterName(cluster.name()).principalArn(principalArn));
            return true;
        } catch (RuntimeException goneOrUnknown) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "cluster " + cluster.label();
    }

    /** The EKS operation a call is, for messages. */
    static String operation(AccessEntryCall call) {
        return switch (call.getClass().getSimpleName()) {
            case "Associate" -> "AssociateAccessPolicy";
            case "Disassociate" -> "DisassociateAccessPolicy";
            default -> call.getClass().getSimpleName() + "AccessEntry";
        };
    }

    private AccessRefusedException refused(String what, EksException e) {
        return new AccessRefusedException("EKS refused " + what + " on " + describe() + ": " + message(e));
    }

    private static String message(EksException e) {
        return Redaction.redact(e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage());
    }
}
