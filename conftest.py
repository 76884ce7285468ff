"""Pytest set-up for the pure-Python layer of the addons.

Each addon keeps its database-free logic in ``addons/<addon>/lib``. The tests for it live in
``addons/<addon>/tests/unit`` and import it as ``<addon>.lib.<module>``. The addon packages
(and the ``tests`` packages pytest walks through) are registered here as empty namespaces, so
importing ``lib`` never runs an addon's ``__init__``, which needs Odoo and a registry.
"""

import sys
import types
from pathlib import Path

ADDONS_DIR = Path(__file__).parent / "addons"


def _namespace(name, path):
    if name not in sys.modules:
        module = types.ModuleType(name)
        module.__path__ = [str(path)]
        sys.modules[name] = module


_namespace("addons", ADDONS_DIR)

# Collecting ``tests/unit`` makes pytest import the enclosing ``tests/__init__.py`` (the Odoo
# test package), whose modules may import other addons as ``odoo.addons.<addon>``.
try:
    import odoo.addons
except ImportError:  # the unit tests themselves never need Odoo
    pass
else:
    odoo.addons.__path__.append(str(ADDONS_DIR))
    odoo.addons.__path__._path_finder = lambda *args: None  # as Odoo does: keep the path
for addon_dir in sorted(ADDONS_DIR.iterdir()):
    if (addon_dir / "lib" / "__init__.py").exists():
        _namespace(addon_dir.name, addon_dir)
        _namespace(f"addons.{addon_dir.name}", addon_dir)
        _namespace(f"addons.{addon_dir.name}.tests", addon_dir / "tests")
