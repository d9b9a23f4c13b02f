"""Provide what every layer uses: Vietnamese errors, the user's folders, shipped data files, crash
logs, and the start's helpers (the dataclasses' kept code, the database's early integrity check)."""
