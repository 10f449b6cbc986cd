package io.learnchain.cli;

import picocli.CommandLine;

/** Prints the version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = LearnchainCommand.class.getPackage().getImplementationVersion();
        return new String[] {"learnchain " + (v == null ? "dev" : v) + " (protocol 1, Java " + Runtime.version() + ")"};
    }
}
