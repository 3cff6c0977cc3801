SELECT * FROM build_host ORDER BY name
