"""The Textual user interface: screens, widgets and styles. Draws state, sends commands."""
