SELECT requeue_expired_leases()
