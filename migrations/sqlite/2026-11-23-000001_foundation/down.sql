DROP TABLE audit_entries;
DROP TABLE refresh_tokens;
DROP TABLE users;
DROP TABLE organisations;
