"""Jury papers (PDF) made with ReportLab: no Qt here."""
