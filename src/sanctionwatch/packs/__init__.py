"""Domain packs: the domain knowledge of one sanctions regime, as data.

A pack is a folder of YAML files.  ``pack.yaml`` names the pack and lists its files;
every other ``*.yaml`` file in the folder is one section, loaded into
``Pack.sections[<file stem>]`` (``lexicon``, ``actors``, ``places``, ``provisions``,
``screen`` …).  The stage that reads a section validates it and reports problems with
``Pack.error(section, key, message)``, which names the file and the line.

Bundled packs live beside this module (``dprk``, ``iran``); any other folder path works
too (``--pack ./my-pack``).  Packs may ``extends:`` another pack: sections of the base are
loaded first and the child's lists and mappings are merged over them.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import PackError

__all__ = ["Pack", "load_pack"]

BUNDLED = Path(__file__).parent


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
    mapping.line = node.start_mark.line + 1
    return mapping


class _LineDict(dict):  # type: ignore[type-arg]
    lines: dict[str, int]
    line: int


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def line_of(node: Any, key: str | None = None) -> int | None:
    """The line of ``key`` in a loaded mapping (or of the mapping itself)."""
    if isinstance(node, _LineDict):
        if key is not None and key in node.lines:
            return node.lines[key]
        return node.line
    return None


@dataclass
class Pack:
    name: str
    path: Path
    meta: dict[str, Any]
    sections: dict[str, Any] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "0"))

    def section(self, name: str, default: Any = None) -> Any:
        if name in self.sections:
            return self.sections[name]
        if default is not None:
            return default
        raise PackError(f"pack {self.name!r} ({self.path}) has no {name}.yaml section")

    def error(self, section: str, message: str, node: Any = None, key: str | None = None) -> PackError:
        path = self.files.get(section, self.path / f"{section}.yaml")
        line = line_of(node, key)
        where = f"{path}:{line}" if line else str(path)
        return PackError(f"{where}: {message}")


def _merge(base: Any, child: Any) -> Any:
    if isinstance(base, dict) and isinstance(child, dict):
        merged = _LineDict(base)
        merged.lines = {**getattr(base, "lines", {}), **getattr(child, "lines", {})}
        merged.line = getattr(child, "line", getattr(base, "line", 0))
        for key, value in child.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(child, list):
        return base + child
    return child


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise PackError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except OSError as exc:
        raise PackError(f"{path}: cannot read pack file: {exc.strerror}") from None


def _resolve(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if (path / "pack.yaml").is_file():
        return path
    bundled = BUNDLED / str(name_or_path)
    if (bundled / "pack.yaml").is_file():
        return bundled
    known = sorted(p.parent.name for p in BUNDLED.glob("*/pack.yaml"))
    raise PackError(
        f"no domain pack {str(name_or_path)!r}: give a bundled pack ({', '.join(known)}) "
        "or a folder holding pack.yaml (--pack / SANCTIONWATCH_PACK)"
    )


@functools.lru_cache(maxsize=16)
def load_pack(name_or_path: str | Path = "dprk") -> Pack:
    """Load a pack by bundled name or folder path; cached per process."""
    root = _resolve(name_or_path)
    meta = _read_yaml(root / "pack.yaml") or {}
    if not isinstance(meta, dict) or "name" not in meta:
        raise PackError(f"{root / 'pack.yaml'}: must be a mapping with at least 'name' and 'version'")
    pack = Pack(name=str(meta["name"]), path=root, meta=meta)
    if meta.get("extends"):
        base = load_pack(str(meta["extends"]))
        pack.sections = dict(base.sections)
        pack.files = dict(base.files)
    for file in sorted(root.glob("*.yaml")):
        if file.name == "pack.yaml":
            continue
        data = _read_yaml(file)
        stem = file.stem
        pack.sections[stem] = _merge(pack.sections[stem], data) if stem in pack.sections else data
        pack.files[stem] = file
    return pack
