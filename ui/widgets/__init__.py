"""Widgets of the written-tests, interviews and ranking pages."""
