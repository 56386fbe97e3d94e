"""The weather plugin's tiles."""
