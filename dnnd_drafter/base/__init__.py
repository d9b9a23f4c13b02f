"""Provide what every layer uses: Vietnamese errors, the user's folders, shipped data files, crash logs."""
