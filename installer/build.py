"""Build the till's installable bundle.

    python installer/build.py            # dist/MemberTill/ (one folder) for this OS
    python installer/build.py --smoke    # ... and run its smoke test (offscreen demo sale to a file printer)

On Windows, then compile installer/membertill.iss with Inno Setup 6 (`iscc installer\\membertill.iss`)
for MemberTill-Setup.exe. On Linux, `installer/linux/install.sh` puts the folder in /opt/membertill
with a desktop entry.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def stage_translations(stage: Path) -> None:
    from pos_app.ui.i18n import LANGUAGES, lrelease_path

    out = stage / "translations"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for language in LANGUAGES:
        source = ROOT / "resources" / "translations" / f"membertill_{language}.ts"
        subprocess.run(
            [lrelease_path(), "-silent", str(source), "-qm", str(out / f"membertill_{language}.qm")], check=True
        )


def build(dist: Path, work: Path) -> Path:
    stage = work / "stage"
    stage_translations(stage)
    env = dict(os.environ, MEMBERTILL_STAGE=str(stage))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller"),
            str(ROOT / "installer" / "membertill.spec"),
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )
    return dist / "MemberTill" / ("MemberTill.exe" if os.name == "nt" else "MemberTill")


def smoke(exe: Path) -> int:
    data = Path(tempfile.mkdtemp(prefix="membertill-smoke-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [str(exe), "smoke", "--data-dir", str(data)], env=env, capture_output=True, text=True, timeout=300
    )
    print(result.stdout, result.stderr, sep="\n")
    return result.returncode


def main(argv: list[str]) -> int:
    exe = build(ROOT / "dist", ROOT / "build")
    print(f"built {exe}")
    return smoke(exe) if "--smoke" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
