SELECT renew_lease(:taskId, :attempt, make_interval(secs => :leaseSeconds))
