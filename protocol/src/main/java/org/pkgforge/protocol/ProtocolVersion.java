package org.pkgforge.protocol;

/** The wire contract's version. Both ends refuse a peer with another number and name both. */
public final class ProtocolVersion {
    public static final int CURRENT = 2;

    private ProtocolVersion() {}
}
