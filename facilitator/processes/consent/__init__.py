"""The consent process of a proposal: stages, rounds of responses, objections integrated."""
