SELECT id, name, arch, active, auto FROM platform WHERE name = :name AND arch = :arch
