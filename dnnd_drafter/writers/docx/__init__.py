"""Write a laid-out letter as a .docx package (python-docx), with its images and core properties."""
