SELECT id, name, arch, active, auto FROM platform WHERE active ORDER BY name, arch
