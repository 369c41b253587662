package io.listlines.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.bench.model.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group of processes read as their sum, those gone left out. */
class ProcSamplerTest {
    private static final long SELF = ProcessHandle.current().pid();
    /** Above pid_max's largest setting (2^22): no such process. */
    private static final long GONE = 5_000_000L;

    @Test
    void aGroupIsTheSumOfItsProcesses() {
        Sample one = ProcSampler.read(SELF, true, 0);
        Sample twice = ProcSampler.read(List.of(SELF, SELF), true, 0);
        assertNotNull(one);
        assertNotNull(twice);
        // the two reads of each are moments apart: allow this JVM to move a little between them
        assertEquals(2.0 * one.rssBytes(), twice.rssBytes(), one.rssBytes() * 0.2);
        assertTrue(twice.threads() >= one.threads() * 2 - 4, twice.threads() + " threads");
        assertTrue(twice.fds() >= one.fds() * 2 - 4, twice.fds() + " files");
    }

    @Test
    void aProcessGoneIsLeftOutAndAllGoneIsNothing() {
        Sample one = ProcSampler.read(List.of(SELF, GONE), false, 0);
        assertNotNull(one);
        assertEquals(-1, one.fds(), "not counted when not asked");
        assertNull(ProcSampler.read(List.of(GONE), true, 0));
    }
}
