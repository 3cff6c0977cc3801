INSERT INTO farm_setting (name, value) VALUES (:name, :value)
    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value
