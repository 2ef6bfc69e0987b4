"""Pages of the markets context: thin adapters over selectors and services."""
