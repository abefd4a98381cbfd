"""Turning files into cleaned documents and chunks."""
