"""Verification jobs: router → service → repository → tables."""
