"""The tile contract moved to widgets.testing (public, for third-party plugins too)."""

from widgets.testing import TileContractTests, gauge_entities  # noqa: F401
