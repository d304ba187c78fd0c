"""Translations: .ts sources in resources/translations, compiled to .qm on first use.

The .ts files are the sources we edit and commit; .qm files are build output (git-ignored),
made with Qt's lrelease (shipped in PySide6) into a cache folder when missing or older than
their source. Simplified Chinese is the default language for stores in China.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"
_current = DEFAULT_LANGUAGE


def current() -> str:
    """The language installed last (what error texts are rendered in)."""
    return _current


def lrelease_path() -> str:
    import PySide6

    for candidate in (
        Path(PySide6.__file__).parent / "lrelease",
        shutil.which("pyside6-lrelease"),
        shutil.which("lrelease"),
    ):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise FileNotFoundError("Qt lrelease not found (it ships with PySide6)")


def compiled(language: str, cache_dir: Path) -> Path:
    """The .qm for `language`: shipped beside the .ts in an installed bundle, else compiled from
    the .ts into `cache_dir` when missing or stale."""
    source = TS_DIR / f"membertill_{language}.ts"
    shipped = TS_DIR / f"membertill_{language}.qm"
    if shipped.exists() and (not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime):
        return shipped
    target = cache_dir / f"membertill_{language}.qm"
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        cache_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [lrelease_path(), "-silent", str(source), "-qm", str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return target


def install(app: QCoreApplication, language: str, cache_dir: Path) -> QTranslator:
    """Load `language` (zh_CN or en) into `app`; returns the translator (keep a reference)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    translator = QTranslator(app)
    if not translator.load(str(compiled(language, cache_dir))):
        raise RuntimeError(f"could not load translations for {language}")
    app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    global _current
    _current = language
    return translator
