package org.pkgforge.agent.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The controller's port, read from a file the controller (re)writes over SSH each time it sets up
 * the remote forward for this agent; the host is fixed (the forward listens on loopback).
 */
public record PortFileLocator(String host, Path portFile) implements ControllerLocator {
    @Override
    public ControllerAddress locate() throws IOException {
        String text;
        try {
            text = Files.readString(portFile, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new IOException("no controller port yet (" + portFile + " does not exist)", e);
        }
        try {
            return new ControllerAddress(host, Integer.parseInt(text));
        } catch (IllegalArgumentException e) {
            throw new IOException("controller port file " + portFile + " holds '" + text + "', not a port", e);
        }
    }

    @Override
    public long generation() {
        try {
            return Files.getLastModifiedTime(portFile).toMillis() ^ Files.size(portFile);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return host + ":<" + portFile + ">";
    }
}
