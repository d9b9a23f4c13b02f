"""Writers turn a laid-out letter into a file: .docx (python-docx) and PDF/print (Qt, in ui)."""
