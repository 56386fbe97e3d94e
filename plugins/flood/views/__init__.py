"""The flood plugin's Qt side: the river camera renderer."""
