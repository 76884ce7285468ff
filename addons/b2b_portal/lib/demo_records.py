"""Which records a module's demo data file creates (no database needed)."""

from lxml import etree


def record_xmlids(content, module, models):
    """Full xml ids of the records of ``models`` that the data file ``content`` (XML bytes)
    of ``module`` declares; ids naming another module keep that module."""
    found = set()
    for record in etree.fromstring(content).iter("record"):
        xmlid = record.get("id")
        if xmlid and record.get("model") in models:
            found.add(xmlid if "." in xmlid else f"{module}.{xmlid}")
    return found
