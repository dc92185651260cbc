-- Sets the option in place: the index keeps its summaries and is not rebuilt.
ALTER INDEX "positions_time_brin" SET (autosummarize = on);
