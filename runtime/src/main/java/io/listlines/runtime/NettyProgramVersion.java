package io.listlines.runtime;

import java.util.List;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What {@link ProgramVersion} prints, and the Netty transports this machine supports, best first. */
public final class NettyProgramVersion implements IVersionProvider {
    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        List<String> lines = ProgramVersion.lines(spec.root().name());
        lines.add("transports on this machine: "
                + String.join(
                        ", ",
                        Transport.available().stream().map(Transport::toString).toList()));
        return lines.toArray(String[]::new);
    }
}
