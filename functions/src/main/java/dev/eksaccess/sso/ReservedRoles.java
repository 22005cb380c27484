package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.IamRoleArn;
import java.util.List;

/** The roles under the reserved Identity Center path in a member account (IAM ListRoles there). */
public interface ReservedRoles {

    /** Every role whose path starts with {@link ReservedRoleName#PATH_PREFIX}, all pages. */
    List<IamRoleArn> list(AccountId account, String region);
}
