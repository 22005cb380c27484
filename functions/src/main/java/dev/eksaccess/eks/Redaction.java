package dev.eksaccess.eks;

import java.util.regex.Pattern;

/**
 * Error text from AWS, Kubernetes and our own adapters goes into results, audit lines, exceptions and
 * logs. Before it does, cut what can carry a credential: the canonical request that AWS services echo
 * with SignatureDoesNotMatch (it holds {@code x-amz-security-token}), session tokens and signatures
 * anywhere in it, EKS bearer tokens ({@code k8s-aws-v1.}, a presigned URL), and any long base64 run a
 * token could be. Control characters become spaces; the text is capped.
 *
 * <p>Used on every error text that leaves the process; {@link SignedAwsCalls} also replaces the exact
 * secret and token of the credentials it signed with.
 */
public final class Redaction {
    /** Longer error texts are cut here: enough for any AWS or Kubernetes message, not for an echoed body. */
    public static final int MAX_TEXT = 2000;

    private static final Pattern CANONICAL = Pattern.compile("(?i)the canonical string");
    private static final Pattern SDK_DETAILS = Pattern.compile(
            "\\(Service: [^()]*\\)(\\s*\\(SDK Attempt Count: \\d+\\))?\\s*$");
    private static final Pattern SESSION_TOKEN = Pattern.compile(
            "(?i)(x-amz-security-token\\s*[:=]\\s*)(?!<)[^\\s&'\",;]+");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)(x-amz-signature\\s*[:=]\\s*)(?!<)[^\\s&'\",;]+");
    private static final Pattern BEARER = Pattern.compile("(Bearer\\s+)[A-Za-z0-9._~+/=-]{20,}");
    private static final Pattern EKS_TOKEN = Pattern.compile("k8s-aws-v1\\.[A-Za-z0-9_=-]+");
    /** Session tokens are hundreds of base64 characters; nothing we report has a run this long. */
    private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9+/]{120,}={0,2}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Redaction() {
    }

    /** {@code text} with anything that could be a credential cut out; null stays null. Idempotent. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        var canonical = CANONICAL.matcher(out);
        if (canonical.find()) {
            // The SDK ends its messages with "(Service: Sts, Status Code: 403, Request ID: ...)" and the attempt
            // count: keep those.
            var sdkDetails = SDK_DETAILS.matcher(out.substring(canonical.start()));
            out = out.substring(0, canonical.start()).strip() + " (canonical request not shown)"
                    + (sdkDetails.find() ? " " + sdkDetails.group() : "");
        }
        out = SESSION_TOKEN.matcher(out).replaceAll("$1<session token>");
        out = SIGNATURE.matcher(out).replaceAll("$1<signature>");
        out = BEARER.matcher(out).replaceAll("$1<token>");
        out = EKS_TOKEN.matcher(out).replaceAll("k8s-aws-v1.<token>");
        out = LONG_BASE64.matcher(out).replaceAll("<redacted>");
        out = CONTROL.matcher(out).replaceAll(" ");
        return out.length() <= MAX_TEXT ? out : out.substring(0, MAX_TEXT) + "...";
    }

    /**
     * Whether {@code text} has a credential's unmistakable shape: an echoed canonical request, a session
     * token or signature parameter, a bearer token. (Not a long base64 run alone: an invalid input echoed
     * in an error, such as a long IAM path, can look like one.)
     */
    static boolean mayHoldCredential(String text) {
        return text != null && (CANONICAL.matcher(text).find() || SESSION_TOKEN.matcher(text).find()
                || SIGNATURE.matcher(text).find() || BEARER.matcher(text).find() || EKS_TOKEN.matcher(text).find());
    }

    /**
     * What a handler throws to Lambda, which logs its message and stack trace, causes included: {@code e}
     * itself when no message in its chain may hold a credential (so its type, which Step Functions and callers
     * match on, is kept); otherwise a {@link RedactedException} with the redacted message and {@code e}'s
     * stack trace, and no cause.
     */
    public static RuntimeException safeToThrow(RuntimeException e) {
        int depth = 0; // a cause chain can loop
        for (Throwable t = e; t != null && depth++ < 32; t = t.getCause() == t ? null : t.getCause()) {
            if (mayHoldCredential(t.getMessage())) {
                RedactedException safe = new RedactedException(e.getClass().getName() + ": " + redact(e.getMessage()));
                safe.setStackTrace(e.getStackTrace());
                return safe;
            }
        }
        return e;
    }

    /** An exception whose text had to be redacted (see {@link #safeToThrow}); its cause is left off. */
    public static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedException(String message) {
            super(message);
        }
    }
}
