package dev.eksaccess.access;

import java.util.Map;
import java.util.Set;

/**
 * The outcome of planning a change against an aws-auth document.
 *
 * @param after    the document to write (equal to {@code before} when unchanged)
 * @param changed  false means nothing must be written
 * @param sections the sections whose text must be rewritten
 * @param diff     a readable diff of the changed entries, empty when unchanged
 * @param summary  one sentence saying what the plan does
 */
public record AccessPlan(AwsAuthDocument before, AwsAuthDocument after, boolean changed,
                         Set<AwsAuthSection> sections, String diff, String summary) {

    public AccessPlan {
        sections = Set.copyOf(sections);
    }

    static AccessPlan of(AwsAuthDocument before, AwsAuthDocument after, String summary) {
        Set<AwsAuthSection> sections = after.sectionsDifferentFrom(before);
        return new AccessPlan(before, after, !sections.isEmpty(), sections, AwsAuthDiff.between(before, after), summary);
    }

    /** The ConfigMap data to write: {@code data} with only the changed sections re-rendered. */
    public Map<String, String> apply(Map<String, String> data) {
        return after.writeInto(data, before);
    }
}
