"""Every message the pure libraries show users is marked for Odoo's term extraction.

Odoo's exporter finds the texts of ``_("...")`` and ``_lt("...")`` calls; a message given
to a ``LocalizedError`` as a bare string (or an f-string) never reaches ``i18n/ru.po`` and
stays English for a Russian user. Checked for this addon's library and the libraries of the
addons it builds on.
"""

import ast
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parents[3]
LIBRARIES = [ADDONS / name / "lib" for name in ("tyre_catalog", "b2b_pricing", "b2b_portal")]


def _localized_classes(trees):
    """Names of the classes deriving (directly or not) from LocalizedError."""
    bases = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {getattr(base, "id", None) for base in node.bases}
    found = {"LocalizedError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


def _unmarked_messages(path, classes):
    """(line, text) of the messages built without ``_lt`` in the file at ``path``."""
    problems = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        message = node.args[0]
        if name in classes and isinstance(message, ast.Constant | ast.JoinedStr):
            problems.append((node.lineno, ast.unparse(message)[:60]))
        if name == "_lt" and not isinstance(message, ast.Constant):
            problems.append((node.lineno, ast.unparse(message)[:60]))
    return problems


@pytest.mark.parametrize("library", LIBRARIES, ids=lambda path: path.parent.name)
def test_every_library_message_is_marked(library):
    files = sorted(library.glob("*.py"))
    assert files, f"no library in {library}"
    classes = _localized_classes([ast.parse(path.read_text()) for path in files])
    problems = {path.name: found for path in files if (found := _unmarked_messages(path, classes))}
    assert not problems, f"messages without _lt(): {problems}"


def test_the_check_finds_an_unmarked_message(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "class LocalizedError(ValueError): pass\n"
        "class SizeError(LocalizedError): pass\n"
        "def check(size):\n"
        "    raise SizeError('The size %(size)s is wrong', size=size)\n"
        "def check_too(size):\n"
        "    raise SizeError(_lt('The size %(size)s is wrong'), size=size)\n"
    )
    classes = _localized_classes([ast.parse(sample.read_text())])
    assert classes == {"LocalizedError", "SizeError"}
    assert _unmarked_messages(sample, classes) == [(4, "'The size %(size)s is wrong'")]
