package dev.eksaccess.sso;

import dev.eksaccess.access.IamPrincipalArn;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Identity Center names the role it creates in a member account for a permission set:
 * {@code AWSReservedSSO_<PermissionSetName>_<16 hex>}, at path {@code /aws-reserved/sso.amazonaws.com/}
 * or {@code /aws-reserved/sso.amazonaws.com/<region>/}. The suffix changes whenever the role is recreated,
 * so entries are found by pattern, never by a remembered ARN. Pure.
 */
public final class ReservedRoleName {
    public static final String PATH_PREFIX = "/aws-reserved/sso.amazonaws.com/";
    private static final Pattern REGIONAL_PATH = Pattern.compile(Pattern.quote(PATH_PREFIX) + "[a-z0-9-]{1,30}/");

    private ReservedRoleName() {
    }

    /** Matches the whole role name of {@code permissionSet}'s reserved role, any suffix, any case. */
    public static Pattern pattern(String permissionSet) {
        return Pattern.compile("AWSReservedSSO_" + Pattern.quote(permissionSet) + "_[0-9a-f]{16}",
                Pattern.CASE_INSENSITIVE);
    }

    /**
     * Matches every name {@link #pattern} matches except {@code current}'s: the entries of older roles of the
     * same permission set (a recreated role has a new suffix; the old one no longer exists).
     */
    public static Pattern patternExcept(String permissionSet, IamRoleArn current) {
        String suffix = current.name().substring(current.name().length() - 16);
        return Pattern.compile("AWSReservedSSO_" + Pattern.quote(permissionSet) + "_(?!" + Pattern.quote(suffix)
                + "$)[0-9a-f]{16}", Pattern.CASE_INSENSITIVE);
    }

    /**
     * The role an aws-auth entry names, if it names one: read lower-cased, as the authenticator compares,
     * so entries written in another case or with a path are still recognised.
     */
    public static Optional<IamRoleArn> entryRole(String entryArn) {
        if (entryArn == null) {
            return Optional.empty();
        }
        try {
            return IamPrincipalArn.parse("entry", entryArn.strip().toLowerCase(Locale.ROOT)) instanceof IamRoleArn r
                    ? Optional.of(r) : Optional.empty();
        } catch (InvalidInputException notARoleArn) {
            return Optional.empty();
        }
    }

    /** True for the two paths Identity Center uses for reserved roles. */
    public static boolean reservedPath(String path) {
        return PATH_PREFIX.equals(path) || (path != null && REGIONAL_PATH.matcher(path).matches());
    }

    /**
     * The permission set's reserved role among {@code roles}, if any. An account holds one per permission
     * set; finding two means something other than Identity Center made one, and guessing could hand a
     * stranger's role cluster access, so that is an error.
     */
    public static Optional<IamRoleArn> pick(String permissionSet, List<IamRoleArn> roles) {
        Pattern name = pattern(permissionSet);
        List<IamRoleArn> found = roles.stream()
                .filter(r -> reservedPath(r.path()) && name.matcher(r.name()).matches()).toList();
        if (found.size() > 1) {
            throw new IllegalStateException("found " + found.size() + " reserved roles for permission set "
                    + permissionSet + ", expected one: " + found);
        }
        return found.stream().findFirst();
    }
}
