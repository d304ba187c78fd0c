"""Errors are codes with parameters, translated in one table (pos_app/domain/error_texts.py):
every code raised under pos_app/ — and every reason hardware/ and sync/ hand to the till's
screen — has a zh_CN and an English text, and the Chinese texts are Chinese."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pos_app.domain.error_texts import TEXTS, describe, describe_code
from pos_app.domain.errors import DomainError, Notice

ROOT = Path(__file__).resolve().parents[1]
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
# classes whose first argument is an error code (DomainError and its subclasses, the coded
# exceptions of hardware/ and sync/, and the coded reasons)
CODED = {
    "DomainError",
    "RuleError",
    "RefundError",
    "PointsError",
    "StoredValueError",
    "AmountError",
    "ServiceError",
    "NotFound",
    "InvalidInput",
    "PermissionDenied",
    "LockedOut",
    "StorageError",
    "ConfigError",
    "BackupError",
    "Notice",
    "PrinterConfigError",
}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def coded_calls(*packages: str) -> list[tuple[str, int, ast.Call]]:
    found = []
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and _name(node.func) in CODED:
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def codes_in_source() -> dict[str, str]:
    """code -> where it is raised or handed over, read from the source (AST)."""
    codes: dict[str, str] = {}
    for where, call in coded_calls("pos_app", "hardware", "sync"):
        if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
            codes.setdefault(call.args[0].value, where)
    for package in ("hardware", "sync", "pos_app"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                # Scan(..., reason="scan.x"), Unreachable(..., code="sync.x")
                if (
                    isinstance(node, ast.keyword)
                    and node.arg in ("reason", "code")
                    and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)
                    and CODE.match(node.value.value)
                ):
                    codes.setdefault(node.value.value, f"{path.relative_to(ROOT)}:{node.value.lineno}")
                # CodeCheck(False, id, step, "member_code.x"), ("printer.x", detail), {...: "sync.x"}
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and re.match(r"^(scan|member_code|printer|sync)\.[a-z_]+$", node.value)
                    and package in ("hardware", "sync")
                ):
                    codes.setdefault(node.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return codes


def test_every_code_raised_or_handed_to_the_screen_has_a_chinese_and_an_english_text():
    codes = codes_in_source()
    assert len(codes) > 120, "the walk found too few codes: is it still reading the raises?"
    missing = {code: where for code, where in codes.items() if code not in TEXTS}
    assert not missing, f"codes without a text in error_texts.TEXTS: {missing}"
    for code in codes:
        zh, en = TEXTS[code]
        assert zh.strip() and en.strip(), code


def test_no_error_is_raised_as_a_sentence():
    """The first argument of every coded error is a literal code, or a code passed on
    (`error.code`, a hardware `reason`): never an f-string or a sentence."""
    bad = []
    for where, call in coded_calls("pos_app", "hardware", "sync"):
        if not call.args:
            continue
        first = call.args[0]
        if isinstance(first, ast.Constant):
            if not (isinstance(first.value, str) and CODE.match(first.value)):
                bad.append((where, first.value))
        elif isinstance(first, ast.Attribute) and first.attr in ("code", "reason", "message"):
            continue
        else:
            bad.append((where, ast.unparse(first)))
    assert not bad, f"errors raised with something other than a code: {bad}"


def test_every_text_names_only_the_params_it_is_given_in_both_languages():
    for code, (zh, en) in TEXTS.items():
        fields_zh = set(re.findall(r"{(\w+)}", zh))
        fields_en = set(re.findall(r"{(\w+)}", en))
        assert fields_zh <= fields_en | {"kind"} and fields_en <= fields_zh | {"kind"}, code


HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ '][A-Za-z]{2,})+")
# a maintenance command is typed as it is spelled, in any language (pos-app check-config)
COMMAND = re.compile(r"pos-(?:app|hq)(?: [a-z][a-z-]*)?")


def test_the_chinese_texts_are_chinese_and_the_english_texts_english():
    for code, (zh, en) in TEXTS.items():
        bare = COMMAND.sub("", re.sub(r"{\w+}", "", zh))
        assert HAN.search(bare), f"{code}: no Chinese in {zh!r}"
        assert not ENGLISH_WORDS.search(bare), f"{code}: untranslated English in {zh!r}"
        assert not HAN.search(en), f"{code}: Chinese in the English text {en!r}"


def test_a_refusal_reads_in_the_language_asked_with_its_amounts_in_yuan():
    error = DomainError("tender.sum_mismatch", paid_fen=1550, payable_fen=15550)
    assert describe(error, "zh_CN") == "付款 15.50 与应收 155.50 不符"
    assert describe(error, "en") == "Payments 15.50 do not match the amount due 155.50"
    assert str(error) == "Payments 15.50 do not match the amount due 155.50"
    assert describe_code("member_code.expired", "zh_CN") == "会员码已过期：请会员刷新"
    assert str(Notice("points.offset_capped", percent=50)) == "Points may pay at most 50% of the payable"


def test_an_unknown_code_reads_as_unexpected_never_as_the_code():
    assert describe_code("no.such_code", "zh_CN") == TEXTS["internal.unexpected"][0]


def test_a_sentence_is_no_longer_accepted_as_an_error():
    with pytest.raises(ValueError):
        DomainError("The sale is empty")
    with pytest.raises(ValueError):
        Notice("Points can only be used")


# Builtin exceptions raised with words under pos_app/ are programming errors (a caller broke a
# contract; the cashier sees "something unexpected" and the log has the words), never refusals.
PROGRAMMING_ERRORS = {
    ("pos_app/domain/errors.py", "ValueError"),  # an error made with a sentence, not a code
    ("pos_app/domain/__init__.py", "AttributeError"),  # a name the package does not have (PEP 562)
    ("pos_app/domain/money.py", "TypeError"),  # money must be int fen
    ("pos_app/domain/money.py", "ValueError"),  # allocate's arguments
    ("pos_app/services/auth.py", "ValueError"),  # an action that is not protected
    ("pos_app/services/checkout.py", "RuntimeError"),  # the crash tests' injected failure
    ("pos_app/store/__init__.py", "AttributeError"),  # a name the package does not have (PEP 562)
    ("pos_app/store/sale_book.py", "ValueError"),  # a sale's row built without a column or with a stray one
    ("pos_app/ui/i18n.py", "FileNotFoundError"),  # lrelease missing from the install
    ("pos_app/ui/i18n.py", "ValueError"),  # a language config.validate already refused
    ("pos_app/ui/i18n.py", "RuntimeError"),  # a .qm that does not load
}


def test_no_refusal_is_raised_as_a_builtin_exception_with_a_sentence():
    import builtins

    found = set()
    for path in sorted((ROOT / "pos_app").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and node.exc.args
                and isinstance(node.exc.args[0], (ast.Constant, ast.JoinedStr))
            ):
                name = _name(node.exc.func)
                if isinstance(getattr(builtins, name, None), type):
                    found.add((str(path.relative_to(ROOT)), name))
    assert found <= PROGRAMMING_ERRORS, f"a refusal raised as a sentence: {found - PROGRAMMING_ERRORS}"
