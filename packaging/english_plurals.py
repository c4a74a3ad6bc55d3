"""Fill the English plural-only catalogue that ``make translations`` makes with lupdate.

English is the source language, so it needs no translation, only plural forms: the code says
``self.tr("%n feed(s) failed", "", n)`` and the catalogue turns that into "1 feed failed" and
"3 feeds failed". Every plural message is written with "(s)" (or "(es)") after the word that
changes; this fills the two English forms from it. A message without the mark reads the same
for one and many ("%n min ago", "%n unread"), unless :data:`IRREGULAR` spells its forms out.

Usage: python packaging/english_plurals.py resources/translations/newsdesk_en.ts
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

_MARK = re.compile(r"\((e?s)\)")

#: Plural messages whose English forms differ without a "(s)" mark.
IRREGULAR = {
    "Rates from %n days ago": ("Rates from %n day ago", "Rates from %n days ago"),
}


def forms(source: str) -> tuple[str, str]:
    """The singular and plural English forms of a "%n thing(s)" message.

    """
    if source in IRREGULAR:
        return IRREGULAR[source]
    return _MARK.sub("", source), _MARK.sub(r"\1", source)


def fill(path: Path) -> int:
    """Fill every plural message of the catalogue at ``path``; returns how many there are."""
    tree = ET.parse(path)
    count = 0
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        translation.text = None
        for child in list(translation):
            translation.remove(child)
        for text in forms(source):
            ET.SubElement(translation, "numerusform").text = text
        count += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return count


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {fill(Path(name))} plural messages in English")  # noqa: T201
