"""Hold the letter model: the draft and its typed parts, Vietnamese text rules, citations and checks."""
