"""Sociocratic role selection (election by consent): see `model.py`."""
