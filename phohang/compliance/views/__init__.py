"""Compliance pages: thin adapters over selectors and services, one module per audience."""
