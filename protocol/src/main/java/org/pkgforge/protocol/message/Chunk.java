package org.pkgforge.protocol.message;

/** A message carrying raw bytes; the codec sends {@link #data()} as the frame's binary tail. */
public interface Chunk extends TaskScoped {
    long offset();

    byte[] data();
}
