package dev.eksaccess.eks;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An AWS Query-protocol answer (IAM's XML) as its text leaves, each with its path of element local names
 * from the root, e.g. {@code ListRolesResponse/ListRolesResult/Roles/member/Arn}. Namespaces are ignored;
 * DTDs and external entities are refused (the JDK's StAX parser, no data binding).
 */
final class QueryXml {
    private static final XMLInputFactory FACTORY = factory();

    record Leaf(String path, String text) {
    }

    private final List<Leaf> leaves;

    private QueryXml(List<Leaf> leaves) {
        this.leaves = leaves;
    }

    static QueryXml parse(byte[] xml) {
        List<Leaf> leaves = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        boolean leaf = false;
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            path.addLast(reader.getLocalName());
                            text.setLength(0);
                            leaf = true;
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(reader.getText());
                        case XMLStreamConstants.END_ELEMENT -> {
                            if (leaf) {
                                leaves.add(new Leaf(String.join("/", path), text.toString()));
                            }
                            path.removeLast();
                            leaf = false;
                        }
                        default -> {
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("unreadable XML from AWS: " + e.getMessage(), e);
        }
        return new QueryXml(leaves);
    }

    /** Every leaf's text at exactly this path, in document order. */
    List<String> all(String path) {
        return leaves.stream().filter(l -> l.path().equals(path)).map(Leaf::text).toList();
    }

    Optional<String> first(String path) {
        return leaves.stream().filter(l -> l.path().equals(path)).map(Leaf::text).findFirst();
    }

    /** The first leaf whose path ends with {@code suffix} (e.g. "Error/Code", wherever the error is wrapped). */
    Optional<String> firstEndingWith(String suffix) {
        return leaves.stream().filter(l -> l.path().equals(suffix) || l.path().endsWith("/" + suffix))
                .map(Leaf::text).findFirst();
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
