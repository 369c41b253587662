package io.listlines.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatusTest {
    @Test
    void readsVmRssAndThreads() {
        ProcStatus status = ProcStatus.parse(List.of(
                "Name:\tjava", "VmPeak:\t 4000000 kB", "VmRSS:\t  234468 kB", "RssAnon:\t  200000 kB", "Threads:\t17"));
        assertEquals(new ProcStatus(234468, 17), status);
        assertEquals(234468L * 1024, status.rssBytes());
    }

    @Test
    void aZombieHasNoRss() {
        assertEquals(
                new ProcStatus(0, 1), ProcStatus.parse(List.of("Name:\tjava", "State:\tZ (zombie)", "Threads:\t1")));
    }

    @Test
    void readsThisProcessAndNothingForOneThatIsGone() {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return; // not Linux
        }
        ProcStatus self = ProcStatus.read(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(self.rssKb() > 1000 && self.threads() > 1, self.toString());
        assertTrue(ProcStatus.read(Long.MAX_VALUE).isEmpty());
    }
}
