"""city-console: the core. Knows no domain; imports no Qt outside console.gui."""

__version__ = "0.1.0"
