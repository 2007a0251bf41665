"""Review mode: the minutes archive browsed offline (decisions, reviews due, actions, conflicts, talk time)."""
