"""Every message of this addon's library is marked with ``_lt()`` for the translators (the
check of b2b_portal/tests/unit/test_lib_messages.py, run on b2b_api/lib)."""

import ast
from pathlib import Path

from b2b_portal.tests.unit.test_lib_messages import _localized_classes, _unmarked_messages

LIBRARY = Path(__file__).resolve().parents[2] / "lib"


def test_every_library_message_is_marked():
    files = sorted(LIBRARY.glob("*.py"))
    assert files
    classes = _localized_classes([ast.parse(path.read_text()) for path in files])
    assert "BatchTooLarge" in classes and "CursorError" in classes
    problems = {path.name: found for path in files if (found := _unmarked_messages(path, classes))}
    assert not problems, f"messages without _lt(): {problems}"
