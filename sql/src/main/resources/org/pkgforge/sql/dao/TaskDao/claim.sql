SELECT task_id, attempt FROM claim_task(:agent, make_interval(secs => :leaseSeconds))
