"""Coding: actors, events and their dates, from the parsed story sentences."""
