"""Pages of the industry directory: thin adapters over selectors and services."""
