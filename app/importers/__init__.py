"""Readers of the central application platform's exports."""
