package dev.eksaccess.access;

import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN;
import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN_GLOBAL;
import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN_NAME;
import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN_REGIONAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IamArnTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"})
    void everyPartitionParses(String partition) {
        String arn = "arn:" + partition + ":iam::111122223333:role/aws-reserved/sso.amazonaws.com/" + SSO_ADMIN_NAME;
        IamPrincipalArn parsed = IamPrincipalArn.parse("arn", arn);

        assertEquals(partition, parsed.partition().id());
        assertEquals(arn, parsed.value());
        assertEquals("arn:" + partition + ":iam::111122223333:role/" + SSO_ADMIN_NAME, parsed.awsAuthArn());
        IamPrincipalArn user = IamPrincipalArn.parse("arn", "arn:" + partition + ":iam::111122223333:user/alice");
        assertEquals(AwsAuthSection.MAP_USERS, user.section());
    }

    @Test
    void thePartitionListIsExactlyTheDocumentedOne() {
        assertEquals(List.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"),
                java.util.Arrays.stream(Partition.values()).map(Partition::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SSO_ADMIN_REGIONAL, SSO_ADMIN_GLOBAL})
    void ssoRoleKeepsItsPathButAwsAuthGetsNone(String arn) {
        IamRoleArn role = IamRoleArn.parse("arn", arn);

        assertEquals(SSO_ADMIN_NAME, role.name());
        assertEquals(arn, role.value(), "EKS access entries need the full ARN");
        assertEquals(SSO_ADMIN, role.awsAuthArn());
        assertEquals(arn.substring(arn.indexOf(":role") + 5, arn.lastIndexOf('/') + 1), role.path());
        assertEquals(AwsAuthSection.MAP_ROLES, role.section());
        assertEquals(SSO_ADMIN, role.withoutPath().value());
        assertEquals("111122223333", role.accountId().value());
    }

    @Test
    void userArnsKeepTheirPathInAwsAuth() {
        IamPrincipalArn user = IamPrincipalArn.parse("arn", "arn:aws:iam::111122223333:user/ops/bob");
        assertInstanceOf(IamUserArn.class, user);
        assertEquals("/ops/", user.path());
        assertEquals("bob", user.name());
        assertEquals("arn:aws:iam::111122223333:user/ops/bob", user.awsAuthArn());
    }

    @Test
    void roleWithoutPathHasTheRootPath() {
        IamRoleArn role = IamRoleArn.parse("arn", "arn:aws:iam::111122223333:role/dev");
        assertEquals("/", role.path());
        assertEquals(role.value(), role.awsAuthArn());
    }

    @Test
    void iamNameCharactersAndLengthLimitsAreAccepted() {
        String name = "a+=,.@_-Z9" + "x".repeat(54);
        assertEquals(64, name.length());
        assertEquals(name, IamRoleArn.parse("arn", "arn:aws:iam::111122223333:role/" + name).name());
    }

    @Test
    void aUserArnIsNotARoleArn() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> IamRoleArn.parse("roleArn", "arn:aws:iam::111122223333:user/alice"));
        assertEquals("roleArn", e.field());
        assertTrue(e.getMessage().contains("must be an IAM role ARN"), e.getMessage());
    }

    @Test
    void fieldNameOfTheCallerIsUsedInErrors() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> IamPrincipalArn.parse("principals[2]", "arn:aws:iam::111122223333:role/bad name"));
        assertEquals("principals[2]", e.field());
    }

    @ParameterizedTest(name = "{0} matches entry {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:iam::111122223333:role/dev | arn:aws:iam::111122223333:role/dev                       | true
            arn:aws:iam::111122223333:role/dev | arn:aws:iam::111122223333:role/DEV                       | true
            arn:aws:iam::111122223333:role/dev | ARN:AWS:IAM::111122223333:ROLE/DEV                       | true
            arn:aws:iam::111122223333:role/dev | arn:aws:iam::111122223333:role/team/dev                  | true
            arn:aws:iam::111122223333:role/dev | ARN:AWS:IAM::111122223333:ROLE/TEAM/DEV                  | true
            arn:aws:iam::111122223333:role/dev | '  arn:aws:iam::111122223333:role/dev  '                 | true
            arn:aws:iam::111122223333:role/a/dev | arn:aws:iam::111122223333:role/b/dev                   | true
            arn:aws:iam::111122223333:role/dev | arn:aws:iam::111122223333:role/dev2                      | false
            arn:aws:iam::111122223333:role/dev | arn:aws:iam::444455556666:role/dev                       | false
            arn:aws:iam::111122223333:role/dev | arn:aws-cn:iam::111122223333:role/dev                    | false
            arn:aws:iam::111122223333:role/dev | arn:aws:iam::111122223333:user/dev                       | false
            arn:aws:iam::111122223333:role/dev | arn:aws:sts::111122223333:assumed-role/dev/alice         | false
            arn:aws:iam::111122223333:role/dev | not an arn                                               | false
            arn:aws:iam::111122223333:role/dev |                                                          | false
            arn:aws:iam::111122223333:user/bob | arn:aws:iam::111122223333:user/BOB                       | true
            arn:aws:iam::111122223333:user/bob | arn:aws:iam::111122223333:user/ops/bob                   | false
            arn:aws:iam::111122223333:user/ops/bob | arn:aws:iam::111122223333:user/OPS/Bob               | true
            arn:aws:iam::111122223333:user/ops/bob | arn:aws:iam::111122223333:user/bob                   | false
            """)
    void entryArnsAreMatchedCaseInsensitivelyAndRolesIgnoreTheirPath(String identity, String entryArn, boolean match) {
        assertEquals(match, IamPrincipalArn.parse("arn", identity).matchesEntryArn(entryArn));
    }

    @Test
    void assumedRoleSessionArnsAreNotAcceptedAsIdentities() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IamPrincipalArn.parse("arn",
                "arn:aws:sts::111122223333:assumed-role/" + SSO_ADMIN_NAME + "/alice@example.com"));
        assertTrue(e.getMessage().contains("give the IAM role ARN"), e.getMessage());
        assertFalse(e.getMessage().contains("alice"), "the session name is not echoed: " + e.getMessage());
    }
}
