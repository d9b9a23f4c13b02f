"""Write a laid-out letter as a .docx package (as text on a base package), with its images and core properties."""
