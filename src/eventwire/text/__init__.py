"""Text: page debris apart from story text, language identification, and the spaCy parse."""
