"""Writers turn a laid-out letter into a file: .docx (:mod:`.docx`) and PDF/print (:mod:`.qt`)."""
