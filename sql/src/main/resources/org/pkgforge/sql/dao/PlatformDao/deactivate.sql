-- Deactivating also clears auto, as in the original PkgForge.
UPDATE platform SET active = false, auto = false WHERE name = :name AND arch = :arch
