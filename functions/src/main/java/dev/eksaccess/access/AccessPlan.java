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
public record AccessPlan(AwsAuthDocument before, AwsAuthDocument after, ManagedArns managedBefore,
                         ManagedArns managedAfter, boolean changed, Set<AwsAuthSection> sections, String diff,
                         String summary) {

    public AccessPlan {
        sections = Set.copyOf(sections);
    }

    static AccessPlan of(AwsAuthDocument before, AwsAuthDocument after, ManagedArns managedBefore,
                         ManagedArns managedAfter, String summary) {
        Set<AwsAuthSection> sections = after.sectionsDifferentFrom(before);
        boolean changed = !sections.isEmpty() || !managedAfter.equals(managedBefore);
        return new AccessPlan(before, after, managedBefore, managedAfter, changed, sections,
                AwsAuthDiff.between(before, after), summary);
    }

    /** The ConfigMap annotations to write: {@code annotations} with the managed list updated. */
    public Map<String, String> applyAnnotations(Map<String, String> annotations) {
        return managedAfter.equals(managedBefore) ? annotations : managedAfter.writeInto(annotations);
    }

    /** The ConfigMap data to write: {@code data} with only the changed sections re-rendered. */
    public Map<String, String> apply(Map<String, String> data) {
        return after.writeInto(data, before);
    }
}
