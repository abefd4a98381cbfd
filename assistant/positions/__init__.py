"""Actors, attribution of what they said, and side-by-side contrast."""
