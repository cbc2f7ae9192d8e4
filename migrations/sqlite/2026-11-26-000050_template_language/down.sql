ALTER TABLE templates DROP COLUMN language;
