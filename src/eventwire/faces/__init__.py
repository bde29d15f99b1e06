"""Faces: the ways a person reaches the library (the command line; output formatting)."""
