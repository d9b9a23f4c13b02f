"""Run the command line: the parser, the entry point and the letter and PDF subcommands."""
