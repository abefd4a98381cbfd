"""Gradio UI: thin tabs over the Assistant facade."""
