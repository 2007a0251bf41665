"""The dot vote: each voting member places their dots on the options, in silence; the result
ranks the options, and a tie at the top may go to a second round among the tied."""
