package io.listlines.threaded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.listlines.core.ServerConfig;
import io.listlines.runtime.CommandFailure;
import io.listlines.testing.ServerConfigBuilder;
import io.listlines.testing.TestPki;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ThreadedServerCommandTest {
    @Test
    void theOpenSslProviderIsTheNettyServersOnly() {
        TestPki pki = TestPki.shared();
        ServerConfig config = new ServerConfigBuilder()
                .tls(pki.server.cert(), pki.server.key(), null, "openssl")
                .build();
        ThreadedServerCommand command = new ThreadedServerCommand();
        new CommandLine(command).parseArgs("--model", "virtual");
        CommandFailure e = assertThrows(CommandFailure.class, () -> command.create(config));
        assertEquals(
                "--tls-provider openssl is for netty-server; the threaded models' sockets use the JDK's TLS (auto or jdk).",
                e.getMessage());
        assertEquals(CommandFailure.USAGE, e.status());
    }
}
