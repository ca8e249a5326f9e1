"""Across articles: speakers, statements, stories (later issues)."""
