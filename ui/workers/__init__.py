"""Background workers (QObject in a QThread): no network or heavy work on the UI thread."""
