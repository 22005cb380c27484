package dev.eksaccess.sso;

import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.Printable;
import java.util.regex.Pattern;

/**
 * An IAM Identity Center instance and the region it lives in (its home region: sso-admin answers only
 * there).
 */
public record IdentityCenterInstance(String region, String arn) {
    /** The same rule AccountAssignment applies to an event's instanceArn. */
    static final Pattern ARN = Pattern.compile("arn:[a-z-]{3,20}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}");

    public IdentityCenterInstance {
        ClusterRef.checkRegion("region", region);
        check("instanceArn", arn);
    }

    static String check(String field, String arn) {
        if (arn == null || !ARN.matcher(arn).matches()) {
            throw new InvalidInputException(field, "must be an Identity Center instance ARN such as "
                    + "arn:aws:sso:::instance/ssoins-0123456789abcdef (got '" + Printable.of(arn) + "')");
        }
        return arn;
    }
}
