-- The workers no longer publish AccountBanned: the watchdog alone reports a ban, with the
-- reserve account that took over. Bans handled before this change (a worker's own report
-- seen, or the worker already ended as banned) count as reported, so none is announced twice;
-- then the column that recorded the workers' reports goes.
UPDATE account_workers
SET ban_reported_at = coalesce(ban_seen_at, now())
WHERE ban_reported_at IS NULL AND (ban_seen_at IS NOT NULL OR status = 'banned');

ALTER TABLE account_workers DROP COLUMN ban_seen_at;
