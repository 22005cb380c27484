package dev.eksaccess.bench;

/**
 * One row of the table: a figure of issue #8, what was measured, the target and whether it is met.
 * {@code verdict} is PASS, FAIL, info (no target of its own) or n/a (could not be measured, see notes).
 */
record Figure(String id, String figure, String measured, String target, String verdict) {

    static Figure check(String id, String figure, String measured, String target, boolean pass) {
        return new Figure(id, figure, measured, target, pass ? "PASS" : "FAIL");
    }

    static Figure info(String id, String figure, String measured) {
        return new Figure(id, figure, measured, "", "info");
    }

    static Figure notMeasured(String id, String figure, String target, String why) {
        return new Figure(id, figure, "not measured: " + why, target, "n/a");
    }
}
