"""Each city's rivers (schematic courses inside the real boundary), the flood plugin's data."""
