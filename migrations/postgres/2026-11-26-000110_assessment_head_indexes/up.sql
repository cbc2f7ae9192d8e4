-- Nothing on PostgreSQL (issue 18): it stores the large local changes out of the row (TOAST),
-- so reading `version` does not touch them, and an index over `version` (changed by every
-- write) would rule out HOT updates of the row. The SQLite migration of the same name adds
-- covering indexes for the head reads.
SELECT 1;
