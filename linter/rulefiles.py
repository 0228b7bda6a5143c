"""Reads the YAML files of a rule folder, with a cache for the built-in folder.

Parsing YAML is most of the start-up time of `rolelint rules`, so the built-in rules ship parsed in
rules/_parsed.json, keyed on a hash of every YAML file's name and bytes: an edited rule, whatever its size,
no longer matches the cache and is read from its YAML. Regenerate the cache with
`python -m linter.rulefiles`; a test fails when it is stale.
"""

from __future__ import annotations

import functools
import os

from .bounded import UnusableFile, read_bounded
from .schema import RuleError

CACHE_FILE = "_parsed.json"


def builtin_rules_dir() -> str:
    import linter.rules

    return os.path.dirname(os.path.abspath(linter.rules.__file__))


def yaml_files(folder: str) -> list[str]:
    """Every .yaml below a rule folder, as paths relative to it, in a stable order."""
    found = []
    for here, dirs, files in os.walk(folder):
        dirs.sort()
        found += [os.path.relpath(os.path.join(here, f), folder) for f in files if f.endswith(".yaml")]
    return sorted(p.replace(os.sep, "/") for p in found)


def content_hash(folder: str, names: list[str]) -> str:
    """A checksum of every file's name, size and bytes: what the cache is keyed on. An edit that keeps a
    file's size changes its CRC-32 (any change of up to 32 bits, and all but one in four billion others).
    Reading and summing the built-in rules takes about a millisecond; zlib, unlike hashlib, costs nothing
    to import at start-up."""
    import zlib

    parts = []
    for name in names:
        data = read_bounded(os.path.join(folder, name), what="rule file")
        parts.append(f"{name}:{len(data)}:{zlib.crc32(data):08x}")
    return "\n".join(parts)


def parse_folder(folder: str, use_cache: bool = False) -> tuple[dict[str, dict], bool]:
    """(relative path -> parsed YAML mapping for every .yaml below `folder`, whether it came from the
    cache). With use_cache, a _parsed.json beside the files whose hash matches them is used instead of
    parsing them again; a stale or missing one is ignored. Data from the cache is the data the test suite
    validated in full, so the costliest checks (compiling every regular expression) are skipped for it."""
    names = yaml_files(folder)
    if use_cache:
        import json

        try:
            with open(os.path.join(folder, CACHE_FILE), encoding="utf-8") as handle:
                cached = json.load(handle)
            if cached.get("content") == content_hash(folder, names):
                return cached["files"], True
        except (OSError, ValueError, UnusableFile):
            pass  # each file is read again below, and what is wrong with it is said there
    return {name: read_yaml(os.path.join(folder, name)) for name in names}, False


def write_cache(folder: str | None = None) -> str:
    """Regenerate a rule folder's _parsed.json (the built-in one by default)."""
    import json

    folder = folder or builtin_rules_dir()
    names = yaml_files(folder)
    payload = {"content": content_hash(folder, names), "files": parse_folder(folder)[0]}
    path = os.path.join(folder, CACHE_FILE)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
    return path


def read_yaml(path: str) -> dict:
    import yaml

    try:
        text = read_bounded(path, what="rule file").decode("utf-8")
        data = yaml.load(text, Loader=_loader())
    except UnusableFile as exc:
        raise RuleError(f"{path}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot be read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise RuleError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except RecursionError:  # the pure-Python parser; libyaml stops at 1,000 levels with a YAMLError
        raise RuleError(f"{path}: not valid YAML: nested too deeply") from None
    except _AliasUsed as used:
        raise RuleError(
            f"{path}: line {used.line}: this value is reused through a YAML alias (*name); rule files may not "
            "use anchors and aliases (a few nested aliases can stand for billions of values): write it out"
        ) from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: must be a mapping of keys to values")
    return data


class _AliasUsed(Exception):
    def __init__(self, line: int):
        self.line = line


@functools.lru_cache(maxsize=1)
def _loader():
    """PyYAML's safe loader (libyaml's when installed), refusing aliases. An alias makes the composed node
    graph share a node, which nothing stops from being shared again: nine aliases of nine aliases of ... a
    1 KB file is a billion values to whatever walks it. So the graph is checked, node by node, before
    anything is built from it: a node reached twice is an alias."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class NoAliasLoader(base):
        def get_single_data(self):
            node = self.get_single_node()
            if node is None:
                return None
            _refuse_shared_nodes(node)
            return self.construct_document(node)

    return NoAliasLoader


def _refuse_shared_nodes(root) -> None:
    import yaml

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise _AliasUsed(node.start_mark.line + 1)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


if __name__ == "__main__":
    print(f"wrote {write_cache()}")
