package dev.eksaccess.access;

import java.util.List;

/**
 * One aws-auth entry as the list operation shows it.
 *
 * @param kind     role, user or account
 * @param identity the role or user ARN, or the account ID
 * @param node     true for node mappings, which the provisioner never changes
 */
public record ListedMapping(String kind, String identity, String username, List<String> groups, boolean node) {

    public ListedMapping {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    static ListedMapping of(AwsAuthSection section, IdentityMapping m) {
        return new ListedMapping(section == AwsAuthSection.MAP_ROLES ? "role" : "user", m.arn(), m.username(),
                m.groups(), m.mapsNodes());
    }
}
