SELECT count(*)
  FROM job
 WHERE (CAST(:state AS text) IS NULL OR status = :state)
   AND (CAST(:submitter AS text) IS NULL OR submitter = :submitter)
   AND (CAST(:bucket AS text) IS NULL OR bucket = :bucket)
