SELECT requeue_attempts_of(:name, :reason)
