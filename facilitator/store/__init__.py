"""Files: agenda loading with located errors, the journal, minutes, the archive index."""
