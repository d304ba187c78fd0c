"""The console's texts: every key a template or router uses is in the catalogue in both
languages; every error code the console's services raise has its zh_CN and English text; the
vendored htmx and ECharts files are the pinned ones."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from hq.i18n import ACTIONS, MESSAGES
from pos_app.domain.error_texts import TEXTS

HQ = Path(__file__).resolve().parents[2] / "hq"
KEY = re.compile(r"""\bt\(\s*['"]([a-z_]+(?:\.[a-z0-9_]+)+)['"]""")
PREFIXED = re.compile(r"""\bt\(\s*['"]([a-z_.]+\.)['"]\s*~""")
TRANSLATE = re.compile(r"""translate\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")
RAISED = re.compile(
    r"""\b(?:ConsoleError|NotSignedIn|Forbidden|NotFound|Conflict|Invalid)\(\s*"([a-z_]+\.[a-z0-9_.]+)\""""
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def sources(pattern: str) -> list[Path]:
    return sorted(HQ.rglob(pattern))


def test_every_text_key_used_is_in_the_catalogue_in_both_languages():
    used: set[str] = set()
    prefixes: set[str] = set()
    for path in sources("*.html") + sources("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(KEY.findall(text)) | set(TRANSLATE.findall(text))
        prefixes |= set(PREFIXED.findall(text))
    assert len(used) > 80
    assert sorted(used - set(MESSAGES)) == []
    for prefix in prefixes:  # t('role.' ~ r): some key under it exists
        assert any(k.startswith(prefix) for k in MESSAGES), prefix
    for key, (zh, en) in {**MESSAGES, **ACTIONS}.items():
        assert zh.strip() and en.strip(), key
        if not key.startswith("lang."):
            assert CJK.search(zh), key  # the Chinese text is Chinese
            assert not CJK.search(en), key  # the English text has no Chinese left


def test_every_role_permission_and_reconciliation_kind_is_named():
    from hq.services.auth import PERMISSIONS, ROLES
    from hq.services.reconciliation import DECISIONS

    for role in ROLES:
        assert f"role.{role}" in MESSAGES
    for permission in PERMISSIONS:
        assert f"perm.{permission}" in MESSAGES
    for decision in DECISIONS:
        assert f"recon.decision.{decision}" in MESSAGES
    ingest = (HQ / "ingest.py").read_text(encoding="utf-8")
    for kind in set(re.findall(r'reconcile\("([a-z_]+)"', ingest)):
        assert f"recon.kind.{kind}" in MESSAGES, kind


def test_every_error_code_the_console_raises_has_both_texts():
    raised = set()
    for path in sources("*.py"):
        raised |= set(RAISED.findall(path.read_text(encoding="utf-8")))
    assert len(raised) > 25
    missing = sorted(code for code in raised if code not in TEXTS)
    assert missing == []
    for code in raised:
        zh, en = TEXTS[code]
        assert CJK.search(zh) and not CJK.search(en), code


def test_every_audited_action_has_a_name():
    actions = set()
    for path in sources("*.py"):
        actions |= set(re.findall(r'audit\.record\([^"]*?"([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"), re.S))
    assert len(actions) >= 10
    assert sorted(actions - set(ACTIONS)) == []


def test_the_vendored_front_end_files_are_the_pinned_ones():
    table = (HQ / "static" / "vendor" / "VERSIONS.md").read_text(encoding="utf-8")
    pinned = re.findall(r"\| (\S+\.min\.js) \(package/dist/\S+\) \| \S+ \| ([0-9a-f]{64}) \|", table)
    assert {name for name, _ in pinned} == {"htmx-2.0.8.min.js", "echarts-5.6.0.min.js"}
    for name, sha in pinned:
        assert hashlib.sha256((HQ / "static" / "vendor" / name).read_bytes()).hexdigest() == sha
    noble = re.search(r"\| (noble-ed25519-\S+\.js) \(package/index\.js.*\| ([0-9a-f]{64}) \|", table)
    assert noble and (HQ / "static" / "vendor" / "noble-ed25519-LICENSE").is_file()
    assert hashlib.sha256((HQ / "static" / "vendor" / noble[1]).read_bytes()).hexdigest() == noble[2]
    assert f"/static/vendor/{noble[1]}" in (HQ / "static" / "m" / "ed25519.js").read_text(encoding="utf-8")
    base = (HQ / "templates" / "base.html").read_text(encoding="utf-8")
    assert "/static/vendor/htmx-2.0.8.min.js" in base and "http" not in base.split("<body")[0].replace(
        "http-equiv", ""
    )  # no CDN
