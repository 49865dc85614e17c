"""Qt item models (QAbstractTableModel subclasses), one module per table."""
