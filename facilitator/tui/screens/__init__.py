"""Screens: the run screen and the modal forms, pickers and confirmations it opens."""
