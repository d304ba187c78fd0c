"""HQ's scheduled jobs (J): points expiry, expiry reminders, tier review, birthday benefits,
member day, daily rollups. `runs.run_job` runs one job for one period, once, resumable, safe with
several workers; `worker` schedules them with huey (`pos-hq worker`)."""
