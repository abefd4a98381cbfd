"""Scoring answers against gold sets, and the CI gate."""
