"""Hold the wizard window: its steps, the preview beside them, and the files it writes."""
