package org.pkgforge.protocol.message;

/** Agent → controller, first frame. The token is the one-time secret the launcher handed over. */
public record Hello(int protocolVersion, String agentVersion, String agentName, String token, int slots)
        implements Message {}
