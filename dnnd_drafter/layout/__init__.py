"""Lay a composed letter out by its family's rules (formats, line breaks) into a laid-out letter."""
