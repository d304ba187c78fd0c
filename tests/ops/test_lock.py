"""The application's dependencies are locked: `dev.py` installs from constraints.txt, and every
package the project needs (with its `hq` and `test` extras, transitively) is pinned there at the
version this environment runs. Adding a dependency without `python3 dev.py lock` fails here."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def pins() -> dict[str, str]:
    out = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin"
            out[canonicalize_name(name)] = version
    return out


def needed(root: str, extras: set[str]) -> set[str]:
    """Every distribution `root[extras]` pulls in on this platform."""
    seen: set[str] = set()
    todo = [(root, frozenset(extras))]
    while todo:
        name, wanted = todo.pop()
        for spec in metadata.requires(name) or []:
            req = Requirement(spec)
            envs = [{"extra": e} for e in wanted] or [{"extra": ""}]
            if req.marker and not any(req.marker.evaluate(env) for env in envs):
                continue
            key = canonicalize_name(req.name)
            if key not in seen:
                seen.add(key)
                todo.append((req.name, frozenset(req.extras)))
    return seen


def test_every_dependency_is_pinned_at_the_installed_version():
    pinned = pins()
    deps = needed("membertill", {"hq", "test"})
    assert {"pyside6-essentials", "sqlalchemy", "fastapi"} <= deps
    missing = sorted(deps - pinned.keys())
    assert not missing, f"not in constraints.txt (run `python3 dev.py lock`): {missing}"
    drift = {d: (pinned[d], metadata.version(d)) for d in deps if metadata.version(d) != pinned[d]}
    assert not drift, f"installed versions differ from constraints.txt: {drift}"


def test_dev_py_installs_from_the_constraints():
    source = (ROOT / "dev.py").read_text()
    assert '"-c", str(CONSTRAINTS)' in source
    assert "CONSTRAINTS.read_bytes()" in source  # a changed lock re-installs
