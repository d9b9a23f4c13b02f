"""DNND Drafter: draft Vietnamese official letters (công văn) in the exact official layout."""

__version__ = "0.1.0"
APP_NAME = "dnnd-drafter"
