"""Helpers for files written out of Mission Desk (CSV, XLSX)."""
