package dev.eksaccess.eks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IAM's XML read as leaves by path: members in order, wrappers and namespaces ignored, no entities. */
class QueryXmlTest {

    @Test
    void leavesAreFoundByTheirFullPathOnly() {
        QueryXml xml = QueryXml.parse(("<ListRolesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ListRolesResult><IsTruncated>true</IsTruncated><Marker>m&amp;1</Marker><Roles>"
                + "<member><Path>/</Path><Arn>arn:aws:iam::111122223333:role/a</Arn>"
                + "<Tags><member><Key>Arn</Key><Value>x</Value></member></Tags></member>"
                + "<member><Arn><![CDATA[arn:aws:iam::111122223333:role/b]]></Arn></member>"
                + "</Roles></ListRolesResult></ListRolesResponse>").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/b"),
                xml.all("ListRolesResponse/ListRolesResult/Roles/member/Arn"));
        assertEquals(Optional.of("m&1"), xml.first("ListRolesResponse/ListRolesResult/Marker"));
        assertEquals(Optional.of("true"), xml.firstEndingWith("IsTruncated"));
    }

    @Test
    void externalEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "do-not-read");
        byte[] hostile = ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>"
                + "<ErrorResponse><Error><Code>&e;</Code></Error></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalStateException.class, () -> QueryXml.parse(hostile));
        SignedAwsCalls.Failure failure = IamQuery.error(null, hostile);
        assertFalse(String.valueOf(failure.code()).contains("do-not-read"), failure.toString());
    }
}
