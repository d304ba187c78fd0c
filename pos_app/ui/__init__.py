"""PySide6 views, dialogs and Qt models of the till."""
