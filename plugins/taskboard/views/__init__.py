"""The task board's tiles and editor: the only Qt in this plugin."""
