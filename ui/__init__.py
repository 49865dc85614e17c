"""Everything Qt: windows, item models, dialogs, workers. The only package importing PySide6."""
