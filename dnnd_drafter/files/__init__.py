"""Write and read files safely: atomic replacement, temporary files, file names and size guards."""
