DROP TABLE notice_outbox;
DROP TABLE notice_reads;
DROP TABLE notices;
