DROP TABLE review_findings;
