"""Synthetic sample documents (no real people) and their generator."""
