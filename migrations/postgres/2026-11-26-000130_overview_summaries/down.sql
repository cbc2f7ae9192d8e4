DROP TABLE overview_summaries;
