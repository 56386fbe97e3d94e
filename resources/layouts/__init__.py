"""Layouts of the core's own tiles, listed in console.runtime.CORE_LAYOUTS."""
