ALTER TABLE templates DROP COLUMN check_settings;
