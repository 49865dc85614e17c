"""Mission Desk core: domain rules, local store, importers, reports. No Qt here."""

__version__ = "0.1.0"
