"""Embedding, storing and finding chunks."""
