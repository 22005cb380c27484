package dev.eksaccess.eks;

import dev.eksaccess.access.IamRoleArn;
import java.util.Optional;

/**
 * A role's ARN as IAM has it, path included, from the path-less form aws-auth holds (access entries need
 * the full ARN). Empty when the role does not exist.
 */
public interface RolePaths {

    Optional<IamRoleArn> withPath(IamRoleArn role, String region);
}
