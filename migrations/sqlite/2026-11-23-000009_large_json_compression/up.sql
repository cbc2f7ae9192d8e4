-- PostgreSQL only (lz4 compression of the large JSON columns); SQLite stores text as it is.
-- Kept so both backends have the same migration names.
SELECT 1;
