"""Answering questions: evidence selection, generation (extractive or LLM), citation verification."""
