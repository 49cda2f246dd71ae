-- Finer statistics of name grams: the directory reads them to choose how to run a name search.
ALTER TABLE enterprises ALTER COLUMN grams SET STATISTICS 1000;
