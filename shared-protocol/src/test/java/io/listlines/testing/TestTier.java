package io.listlines.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two test tiers, as Lucene's {@code @Nightly} and HAProxy's {@code REGTESTS_TYPES}: {@code mvn verify} runs the
 * fast tier, {@code mvn verify -Pfull} everything. A test that belongs to the full tier alone is tagged
 * {@code @Tag("slow")} (the build leaves that tag out by default); a test of every server model runs on one model of
 * each family in the fast tier and on all of them under {@code -Pfull} ({@link #fullMatrix()}); and a test that needs
 * something the machine may lack (a program, root, a kernel feature) checks it with {@link #requirePrerequisite}, which
 * skips with a reason in the fast tier and fails under {@code -Pfull}, so a slow tier that runs is a slow tier that
 * tested. The parent pom sets both properties, and the profile {@code full} turns them on.
 */
public final class TestTier {
    /** The tag of a test in the full tier alone. */
    public static final String SLOW = "slow";

    private TestTier() {}

    /** Whether each test of every model runs on every model ({@code -Dlistlines.fullMatrix=true}, set by -Pfull). */
    public static boolean fullMatrix() {
        return Boolean.getBoolean("listlines.fullMatrix");
    }

    /**
     * Goes on when {@code present}; else skips the test, saying {@code missing} on a line of its own, or fails it when
     * prerequisites are required ({@code -Dlistlines.requirePrerequisites=true}, set by -Pfull).
     *
     * @param missing what is missing, and where it comes from: "haproxy is not installed (apt-get install haproxy)"
     */
    public static void requirePrerequisite(boolean present, String missing) {
        assumeTrue(hasPrerequisite(present, missing), missing);
    }

    /**
     * For a part of a test that can be left out: {@code present}; else false, having said {@code missing} on a line
     * of its own, or fails the test when prerequisites are required ({@code -Pfull}).
     */
    public static boolean hasPrerequisite(boolean present, String missing) {
        if (present) {
            return true;
        }
        if (Boolean.getBoolean("listlines.requirePrerequisites")) {
            throw new AssertionError(
                    "Missing prerequisite, required by -Pfull (listlines.requirePrerequisites): " + missing);
        }
        System.out.println("[skipped] " + missing);
        return false;
    }
}
