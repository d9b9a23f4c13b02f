"""Hold the data windows: address book, recipient lists, profiles, signers and the register."""
