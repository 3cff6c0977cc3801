<#-- The conditions of the filters in use, after a WHERE of job j; shared by both job list queries. -->
<#if filter.state()??>
   AND j.status = :state
</#if>
<#if filter.submitter()??>
   AND j.submitter = :submitter
</#if>
<#if filter.bucket()??>
   AND j.bucket = :bucket
</#if>
<#if filter.submittedFrom()??>
   AND j.submitted_at >= :submittedFrom
</#if>
<#if filter.submittedBefore()??>
   AND j.submitted_at < :submittedBefore
</#if>
<#if filter.platform()??>
   AND EXISTS (SELECT 1 FROM task t WHERE t.job_id = j.id AND t.platform_id = ANY(:platformIds))
</#if>
<#if filter.packageName()??>
   AND EXISTS (SELECT 1 FROM package k WHERE k.job_id = j.id AND k.name = :packageName)
</#if>
