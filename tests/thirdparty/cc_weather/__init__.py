"""A weather-station plugin from outside the tree (a test fixture)."""
