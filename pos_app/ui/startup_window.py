"""The window a till shows when it cannot start (issue 22, defect 9): what is wrong and what to do,
in Chinese and then English (a till started from the desktop has no console), and, when the
database is the problem, the last verified backup with a button that restores it (the damaged
file is kept beside it, never deleted). The restore runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from pos_app.startup import StartupProblem


class StartupProblemWindow(QDialog):
    def __init__(self, problem: StartupProblem, db_path: Path | None = None, parent=None):
        super().__init__(parent)
        self.problem, self.db_path = problem, db_path
        self.restored: Path | None = None
        self.setObjectName("startupProblem")
        self.setWindowTitle("会员收银台无法启动 · MemberTill cannot start")
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        title = QLabel("会员收银台无法启动")
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        layout.addWidget(title)
        self.chinese = QLabel(problem.text("zh_CN"))
        self.chinese.setObjectName("zh")
        self.chinese.setWordWrap(True)
        self.chinese.setStyleSheet("font-size: 16px;")
        layout.addWidget(self.chinese)
        self.english = QLabel("MemberTill cannot start. " + problem.text("en"))
        self.english.setObjectName("en")
        self.english.setWordWrap(True)
        self.english.setStyleSheet("color: #555;")
        layout.addWidget(self.english)
        self.backup_line = None
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.restore_button = None
        if problem.database_is_bad:
            offer = (
                StartupProblem("startup.offer_backup", {"backup": problem.backup.name})
                if problem.backup
                else StartupProblem("startup.no_backup")
            )
            self.backup_line = QLabel(f"{offer.text('zh_CN')}\n{offer.text('en')}")
            self.backup_line.setObjectName("backup")
            self.backup_line.setWordWrap(True)
            self.backup_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.backup_line)
            if problem.backup is not None and db_path is not None:
                self.restore_button = QPushButton("用此备份恢复 Restore this backup")
                self.restore_button.setObjectName("restore")
                self.restore_button.clicked.connect(self.restore)
                buttons.addWidget(self.restore_button)
        close = QPushButton("关闭 Close")
        close.setObjectName("close")
        close.setDefault(True)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def restore(self) -> None:
        """Put the last verified backup in place (in the background); the damaged file is kept."""
        from pos_app.services.backup import restore
        from pos_app.ui.worker import run_in_background

        self.restore_button.setEnabled(False)
        backup, db_path = self.problem.backup, self.db_path

        def done(kept: Path) -> None:
            self.restored = kept
            said = StartupProblem("startup.restore_done", {"backup": backup.name, "kept": kept.name})
            self.backup_line.setText(f"{said.text('zh_CN')}\n{said.text('en')}")

        def failed(error: Exception) -> None:
            said = StartupProblem("cli.restore_failed", {"reason": type(error).__name__})
            self.backup_line.setText(f"{said.text('zh_CN')}\n{said.text('en')}")
            self.restore_button.setEnabled(True)

        run_in_background(None, lambda: restore(backup, db_path), done, failed)  # not a child: outlives the window


def show_startup_problem(problem: StartupProblem, db_path: Path | None = None) -> int:
    """Show the window (modal) until it is closed; returns the exit code for the process."""
    window = StartupProblemWindow(problem, db_path)
    window.exec()
    return 3
