-- For the rest of this transaction: plan every statement for its actual values.
SET LOCAL plan_cache_mode = force_custom_plan
