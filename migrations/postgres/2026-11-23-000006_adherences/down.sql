DROP TABLE adherences;
