-- Thresholds of the compliance checks per template (issue 7), as JSON; NULL = the defaults.
ALTER TABLE templates ADD COLUMN check_settings TEXT;
