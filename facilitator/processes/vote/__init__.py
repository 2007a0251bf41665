"""The counted vote of an assembly: a motion, a threshold measured against a base, totals or ballots."""
