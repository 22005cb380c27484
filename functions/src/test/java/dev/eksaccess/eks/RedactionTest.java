package dev.eksaccess.eks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {
    static final String TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LW5vcnRoLTEiRzBFAiEA" + "x".repeat(300);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            header form       | x-amz-security-token:SECRETTOKENVALUE123 next        | x-amz-security-token:<session token> next
            query form        | ?X-Amz-Security-Token=SECRETTOKENVALUE123&X-Amz-Date=1 | ?X-Amz-Security-Token=<session token>&X-Amz-Date=1
            presign signature | &X-Amz-Signature=0123456789abcdef0123&x=1             | &X-Amz-Signature=<signature>&x=1
            EKS bearer token  | token k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8 refused | token k8s-aws-v1.<token> refused
            HTTP header       | Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345 | Authorization: Bearer <token>
            control chars     | line one\u0007bell                                     | line one bell
            """)
    void cutsWhatCanCarryACredential(String description, String text, String expected) {
        assertEquals(expected, Redaction.redact(text.translateEscapes()), description);
        assertEquals(expected, Redaction.redact(expected), "redacting twice changes nothing more");
    }

    @Test
    void theCanonicalRequestIsCutAndTheSdkDetailsKept() {
        String message = "The request signature we calculated does not match the signature you provided.\n\n"
                + "The Canonical String for this request should have been\n'POST\n/\n\nhost:sts.amazonaws.com\n"
                + "x-amz-security-token:" + TOKEN + "\n'\n\nThe String-to-Sign should have been\n'...' "
                + "(Service: Sts, Status Code: 403, Request ID: 4c0ffee0) (SDK Attempt Count: 1)";
        assertEquals("The request signature we calculated does not match the signature you provided. (canonical "
                + "request not shown) (Service: Sts, Status Code: 403, Request ID: 4c0ffee0) (SDK Attempt Count: 1)",
                Redaction.redact(message));
    }

    @Test
    void aLongBase64RunIsCutWhereverItIs() {
        assertEquals("token was <redacted> end", Redaction.redact("token was " + TOKEN + " end"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            User: arn:aws:sts::222222222222:assumed-role/EksAccessProvisionerTarget/x is not authorized to perform: eks:DescribeCluster
            Kubernetes API error (HTTP 409): Operation cannot be fulfilled on configmaps "aws-auth": the object has been modified
            username: must not contain control characters; print an EKS bearer token with eks-access token
            arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef
            """)
    void everydayErrorsAreLeftAlone(String text) {
        assertEquals(text, Redaction.redact(text));
        assertFalse(Redaction.mayHoldCredential(text));
    }

    @Test
    void longTextIsCapped() {
        String text = "word ".repeat(1000);
        assertEquals(Redaction.MAX_TEXT + 3, Redaction.redact(text).length());
        assertNull(Redaction.redact(null));
    }

    @Test
    void anExceptionWithNothingToHideIsThrownAsItIsKeepingItsType() {
        InvalidInputException e = new InvalidInputException("username", "must not be empty");
        assertSame(e, Redaction.safeToThrow(e));
    }

    @Test
    void anExceptionWhoseCauseEchoesATokenIsReplacedAndLosesTheCause() {
        RuntimeException cause = new RuntimeException("signature mismatch; x-amz-security-token:" + TOKEN);
        IllegalStateException e = new IllegalStateException("assuming the target role failed", cause);
        RuntimeException safe = Redaction.safeToThrow(e);
        assertTrue(safe instanceof Redaction.RedactedException, safe.toString());
        assertEquals("java.lang.IllegalStateException: assuming the target role failed", safe.getMessage());
        assertNull(safe.getCause());
        assertEquals(e.getStackTrace()[0], safe.getStackTrace()[0], "the stack trace still says where");
        StringWriter logged = new StringWriter();
        safe.printStackTrace(new PrintWriter(logged));
        assertFalse(logged.toString().contains(TOKEN.substring(0, 40)), logged.toString());
    }
}
