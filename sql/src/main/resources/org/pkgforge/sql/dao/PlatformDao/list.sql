SELECT id, name, arch, active, auto FROM platform ORDER BY name, arch
