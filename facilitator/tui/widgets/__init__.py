"""Widgets of the run screen. Each re-renders from the state it is given and posts messages up."""
