"""The package's shape: no import cycles, no module over about 500 lines, and no Dutch
word list in the extractor's or the gate's code (language data lives in kroniek/lang/nl).

    python tests/test_structure.py words [FILE ...]   # list the word lists left
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent / "kroniek"
MAX_LINES = 520  # "about 500"
WORD = re.compile(r"^[a-zà-ÿ][a-zà-ÿ'’\-]*( [a-zà-ÿ'’\-]+)*$")
MAX_WORDS = 5
NOT_DUTCH = "# not Dutch"  # marks a literal of English names (frames, classes)


def modules() -> dict[str, Path]:
    out = {}
    for f in ROOT.rglob("*.py"):
        parts = f.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = f
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Modules of the package that NAME imports, also inside functions (a deferred
    import hides a cycle, it does not remove it); imports under TYPE_CHECKING are for
    type hints only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    hints = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
             and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    out = set()
    for sub in ast.walk(tree):
        if id(sub) in hints:
            continue
        if isinstance(sub, ast.Import):
            targets = [a.name for a in sub.names]
        elif isinstance(sub, ast.ImportFrom):
            base = sub.module or ""
            if sub.level:
                up = package.split(".")[:len(package.split(".")) - sub.level + 1]
                base = ".".join(up + ([base] if base else []))
            # 'from . import cache' imports the submodule, not the package
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                       for a in sub.names]
        else:
            continue
        out |= {t for t in targets if t in known and t != name}
    return out


def import_graph() -> nx.DiGraph:
    mods = modules()
    g = nx.DiGraph()
    for name, path in mods.items():
        g.add_node(name)
        for target in imports(name, path, set(mods)):
            g.add_edge(name, target)
    return g


def word_lists(path: Path) -> list[tuple[int, list[str]]]:
    """(line, words) of every literal with more than five Dutch-looking words, and of
    regular expressions alternating more than five of them."""
    src = path.read_text(encoding="utf-8")
    lines = src.splitlines()
    out = []
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                node.value.count("|") >= MAX_WORDS:
            items = [ast.Constant(w) for w in re.split(r"[|()\\b?:]+", node.value)]
        else:
            continue
        found = [x.value for x in items if isinstance(x, ast.Constant)
                 and isinstance(x.value, str) and WORD.match(x.value)]
        if len(found) > MAX_WORDS and NOT_DUTCH not in lines[node.lineno - 1] and \
                NOT_DUTCH not in lines[max(0, node.lineno - 2)]:
            out.append((node.lineno, found))
    return out


def checked_files() -> list[Path]:
    return sorted((ROOT / "extract").rglob("*.py")) + [p for p in [ROOT / "gating.py"] if p.exists()] + \
        sorted((ROOT / "gating").rglob("*.py") if (ROOT / "gating").is_dir() else [])


def test_no_import_cycles():
    cycles = list(nx.simple_cycles(import_graph()))
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c + c[:1]) for c in cycles)


def test_no_module_over_about_500_lines():
    big = {str(p.relative_to(ROOT.parent)): n for p in ROOT.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not big, f"modules over {MAX_LINES} lines: {big}"


def test_no_dutch_word_lists_in_code():
    left = {f"{p.relative_to(ROOT.parent)}:{line}": words[:6]
            for p in checked_files() if p.exists() for line, words in word_lists(p)}
    assert not left, f"Dutch word lists in code (move them to kroniek/lang/nl): {left}"


def test_the_checker_sees_a_list():
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write('X = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}\n'
                 'Y = ("give", "take", "get", "put", "set", "run")  # not Dutch\n'
                 'Z = ("een", "twee", "drie")\n')
    assert [line for line, _ in word_lists(Path(fh.name))] == [1]


if __name__ == "__main__" and sys.argv[1:2] == ["words"]:
    files = [Path(f).resolve() for f in sys.argv[2:]] or checked_files()
    for p in files:
        for line, words in word_lists(p):
            print(f"{p.relative_to(ROOT.parent)}:{line}: {len(words)} words: "
                  f"{', '.join(words[:8])}{' ...' if len(words) > 8 else ''}")


def test_readme_names_every_extraction_module_and_stage():
    """The README's map of kroniek/extract is where a new engineer starts: it must name
    every module and every stage of the rule registry."""
    from kroniek.extract import rules
    readme = (ROOT.parent / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("## How it works"):]
    missing = [p.name for p in (ROOT / "extract").glob("*.py")
               if p.name != "__init__.py" and p.name not in block] + \
        [p.name + "/" for p in (ROOT / "extract").iterdir()
         if p.is_dir() and not p.name.startswith("__") and p.name + "/" not in block]
    assert not missing, f"README's 'How it works' does not name {missing}"
    assert not [s for s in rules.STAGES if s not in block]
