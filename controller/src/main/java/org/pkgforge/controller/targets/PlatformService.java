package org.pkgforge.controller.targets;

import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.row.Platform;

/**
 * Platforms with the original PkgForge's semantics, for {@code pkgforge platform} and the admin
 * page: added inactive and not auto, deactivating also clears auto, there is no delete.
 */
public final class PlatformService {
    /** As the registry's CHECK constraint has it. */
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.+-]{1,20}");

    private final Jdbi jdbi;

    public PlatformService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Platform> list() {
        return jdbi.withExtension(PlatformDao.class, PlatformDao::list);
    }

    public void add(String name, String arch) throws Failure {
        check("platform name", name);
        check("architecture", arch);
        jdbi.useTransaction(h -> {
            PlatformDao platforms = h.attach(PlatformDao.class);
            if (platforms.find(name, arch).isPresent()) {
                throw new Failure(Failure.USAGE, "platform " + name + "/" + arch + " already exists");
            }
            platforms.add(name, arch);
        });
    }

    public void activate(String name, String arch) throws Failure {
        require(name, arch, jdbi.withExtension(PlatformDao.class, p -> p.activate(name, arch)));
    }

    /** Also takes the platform out of the auto set. */
    public void deactivate(String name, String arch) throws Failure {
        require(name, arch, jdbi.withExtension(PlatformDao.class, p -> p.deactivate(name, arch)));
    }

    public void setAuto(String name, String arch, boolean auto) throws Failure {
        require(
                name,
                arch,
                jdbi.withExtension(PlatformDao.class, p -> auto ? p.setAuto(name, arch) : p.unsetAuto(name, arch)));
    }

    private static void require(String name, String arch, boolean changed) throws Failure {
        if (!changed) {
            throw new Failure(Failure.USAGE, "no platform " + name + "/" + arch + "; see pkgforge platform list");
        }
    }

    private static void check(String what, String value) throws Failure {
        if (!PART.matcher(value).matches()) {
            throw new Failure(
                    Failure.USAGE, what + " '" + value + "' must be 1-20 of A-Z a-z 0-9 _ . + - (e.g. el9, x86_64)");
        }
    }
}
