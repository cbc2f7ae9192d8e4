-- A password change ends every other session of the user (issue 14, finding 4).
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (org_id, user_id);
