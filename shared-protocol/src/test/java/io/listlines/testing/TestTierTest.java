package io.listlines.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class TestTierTest {
    private static final String REQUIRE = "listlines.requirePrerequisites";
    private final String before = System.getProperty(REQUIRE);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(REQUIRE);
        } else {
            System.setProperty(REQUIRE, before);
        }
    }

    @Test
    void aMissingPrerequisiteSkipsInTheFastTier() {
        System.setProperty(REQUIRE, "false");
        assertTrue(TestTier.hasPrerequisite(true, "nothing is missing"));
        assertFalse(TestTier.hasPrerequisite(false, "frobnicator is not installed"));
        assertThrows(
                TestAbortedException.class, () -> TestTier.requirePrerequisite(false, "frobnicator is not installed"));
    }

    @Test
    void aMissingPrerequisiteFailsUnderTheFullTier() {
        System.setProperty(REQUIRE, "true");
        AssertionError failure = assertThrows(
                AssertionError.class, () -> TestTier.requirePrerequisite(false, "frobnicator is not installed"));
        assertTrue(failure.getMessage().endsWith("frobnicator is not installed"), failure.getMessage());
        TestTier.requirePrerequisite(true, "nothing is missing");
    }
}
