"""Layouts of the core's own tiles, listed in console.app.runtime.CORE_LAYOUTS."""
