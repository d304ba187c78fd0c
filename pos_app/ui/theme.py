"""Look of the till: the shipped CJK font and one style sheet, large enough for touch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
FONT_FILE = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
# the side panels' (QFrame#panel) background: also the fill of the labels that a scan changes on
# them (panels.py), which paint it themselves so that nothing under them is painted again
PANEL_BACKGROUND = "#f8f9fa"

STYLE = """
QWidget { font-size: 15px; }
QPushButton { min-height: 44px; min-width: 64px; padding: 4px 10px; border-radius: 6px;
              background: #f1f3f5; border: 1px solid #ced4da; }
QPushButton:pressed { background: #dee2e6; }
QPushButton#primary { background: #1c7ed6; color: white; border: none; font-weight: bold; }
QPushButton#primary:disabled { background: #a5d8ff; }
QPushButton#danger { background: #e03131; color: white; border: none; }
QPushButton#fkey { font-size: 13px; min-height: 52px; }
QLineEdit { min-height: 36px; font-size: 18px; padding: 2px 6px; }
QLabel#payable { font-size: 34px; font-weight: bold; color: #c92a2a; }
QLabel#change { font-size: 40px; font-weight: bold; color: #2b8a3e; }
QLabel#title { font-size: 22px; font-weight: bold; }
QLabel#muted { color: #868e96; }
QLabel#error { color: #c92a2a; font-weight: bold; }
QFrame#panel { background: PANEL_BACKGROUND; border: 1px solid #dee2e6; border-radius: 8px; }
QTableView { font-size: 16px; gridline-color: #e9ecef; selection-background-color: #d0ebff;
             selection-color: black; }
QListWidget#customer_lines { font-size: 24px; }
QHeaderView::section { background: #e9ecef; padding: 4px; border: none; font-weight: bold; }
""".replace("PANEL_BACKGROUND", PANEL_BACKGROUND)


def apply(app: QApplication) -> str:
    """Register the shipped font, make it the default, apply the style; returns the family."""
    family = "Sans Serif"
    if FONT_FILE.exists():
        font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    app.setFont(QFont(family, 11))
    app.setStyleSheet(STYLE)
    return family
