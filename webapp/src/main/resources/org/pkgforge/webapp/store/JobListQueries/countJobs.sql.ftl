-- Stops at :atMost rows, so an exact total over a large registry never costs more than the page.
SELECT count(*)
  FROM (SELECT 1
          FROM job j
         WHERE TRUE
<#include "where.ftl">
         LIMIT :atMost) matching
