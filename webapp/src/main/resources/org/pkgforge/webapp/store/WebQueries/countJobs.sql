SELECT count(*) FROM job
