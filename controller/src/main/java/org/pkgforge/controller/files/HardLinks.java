package org.pkgforge.controller.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** How many names a file has: a file with more than one can be changed through a name we do not control. */
public final class HardLinks {
    private HardLinks() {}

    public static int count(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    }
}
