"""OPML subscription lists: import what other readers export, export what we hold.

An OPML file comes from elsewhere and is treated as hostile (notes/security-model.md C2, F1, F2):

- It is parsed with ``defusedxml`` with DTDs forbidden, so billion laughs, quadratic blow-up and
  external entities (``<!ENTITY x SYSTEM "file:///...">``) fail fast and nothing from the local
  disk can end up in a title.
- Real exports are often not well-formed (a bare ``&`` in a title, unescaped quotes). Such a file
  is read by a lenient fallback (bare ampersands escaped, then ``html.parser`` reading the
  ``<outline>`` tags) and the result says ``repaired``. A file with a DOCTYPE or an ENTITY
  declaration never reaches the fallback.
- Only http(s) feed addresses are imported (``feed:`` forms are normalised by
  :func:`newsdesk.core.links.normalize_feed_url`). Newsboat and Liferea run commands named in
  OPML files (``|cmd``, ``exec:``, ``filter:``, ``filtercmd=``): those outlines are skipped, or
  imported as a plain address with the command attribute ignored, and every such decision is
  reported in :attr:`OpmlDocument.skipped`.
- The walk over the outlines is iterative (10⁵-deep nesting must not hit the recursion limit),
  feeds are deduplicated by normalised address and capped at :data:`MAX_FEEDS`.

Newsdesk has one level of groups: a feed's group is the name of its top-level folder, and every
deeper folder (of any depth) is flattened into it. A feed's own refresh interval travels as a
``newsdesk:interval`` attribute (minutes) in the :data:`NAMESPACE` namespace; other readers ignore
it, and a value out of bounds is ignored on import.
"""

from __future__ import annotations

import codecs
import html
import logging
import re
import xml.etree.ElementTree as ET  # noqa: N817  (only builds trees; parsing goes via defusedxml)
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import defusedxml
import defusedxml.ElementTree as SafeET

from newsdesk.core.errors import OpmlError, UnsafeUrlError
from newsdesk.core.links import normalize_feed_url, safe_link
from newsdesk.core.model import MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, Feed

log = logging.getLogger(__name__)

MAX_OPML_BYTES = 2 * 1024 * 1024
"""Bigger files are refused: a real subscription list of 5000 feeds is well under 1 MB."""
MAX_FEEDS = 5000
"""Feeds imported from one file; the rest are reported as one skipped entry."""
MAX_SKIPPED = 1000
"""Skipped outlines reported one by one; the rest are summed up in one entry."""
MAX_TITLE = 300
"""Characters kept of a title (plain text)."""
_MAX_TOPIC = 100
_MAX_LABEL = 300
NAMESPACE = "urn:newsdesk:opml"
"""The namespace of Newsdesk's own outline attributes (``newsdesk:interval``)."""
_INTERVAL = f"{{{NAMESPACE}}}interval"
ET.register_namespace("newsdesk", NAMESPACE)  # the prefix the export writes

# Attributes with which other readers run programs (Liferea's filtercmd, Newsboat-style hooks).
# Newsdesk never runs anything; these are only mentioned in the import summary.
_COMMAND_ATTRIBUTES = frozenset(
    {"filtercmd", "filter", "exec", "execute", "script", "command", "cmd", "shell", "pipe"}
)

_BARE_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:._-]*)")
_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>")
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_HOST = re.compile(r"^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?$|^[0-9a-f:.]*:[0-9a-f:.]*$")
_WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed read from an OPML file, with a normalised http(s) address."""

    url: str
    title: str
    group: str = ""
    topic: str = ""
    site_url: str | None = None
    interval_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An outline that was not imported (or imported with something left out), and why.

    ``text`` is the outline's title, or its raw address when it has none; ``reason`` is one short
    sentence.
    """

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class OpmlDocument:
    """What an OPML file held.

    ``repaired`` is true when the file was not well-formed XML and was read leniently.
    """

    title: str
    feeds: tuple[OpmlFeed, ...]
    skipped: tuple[Skipped, ...]
    repaired: bool


def parse_opml(data: bytes) -> OpmlDocument:
    """Read the feeds of an OPML subscription list.

    Outlines that cannot or must not be imported are reported in ``skipped``; an error is raised
    only when nothing at all can be read.

    Args:
        data: The file's bytes, at most :data:`MAX_OPML_BYTES`.

    Returns:
        The document's title, its feeds (at most :data:`MAX_FEEDS`), what was skipped, and
        whether the file had to be repaired.

    Raises:
        OpmlError: The file is empty, too big, not OPML, or declares a DTD or entities.
    """
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(
            f"The OPML file is {len(data) / 1024 / 1024:.1f} MB; "
            f"files over {MAX_OPML_BYTES // 1024 // 1024} MB are not read."
        )
    if not data.strip():
        raise OpmlError("The OPML file is empty.")
    repaired = False
    try:
        root = _parse_xml(data)
    except ET.ParseError as exc:
        log.info("OPML not well-formed (%s); reading it leniently", exc)
        root = _parse_lenient(data)
        repaired = True
    if _local(root.tag) != "opml":
        raise OpmlError(
            f"This is not an OPML subscription list (its root element is <{_local(root.tag)}>)."
        )
    title = ""
    body = root
    for child in root:
        name = _local(child.tag)
        if name == "head" and not title:
            for item in child:
                if _local(item.tag) == "title":
                    title = _plain_text(item.text or "")
                    break
        elif name == "body" and body is root:
            body = child
    collector = _Collector()
    collector.walk(body)
    document = OpmlDocument(
        title=title,
        feeds=tuple(collector.feeds),
        skipped=collector.summary(),
        repaired=repaired,
    )
    log.info(
        "OPML read: %d feeds, %d skipped%s",
        len(document.feeds),
        len(document.skipped),
        " (repaired)" if repaired else "",
    )
    return document


def export_opml(feeds: Iterable[Feed], title: str = "Newsdesk subscriptions") -> bytes:
    """Write subscriptions as an OPML 2.0 document.

    Feeds are grouped into one folder outline per :attr:`Feed.group`, in order of first
    appearance; feeds without a group stay at the top level.

    Args:
        feeds: The subscriptions to write.
        title: The document's ``<head><title>``.

    Returns:
        The document, UTF-8 encoded, with an XML declaration.
    """
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _xml_text(title)
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.group:
            parent = folders.get(feed.group, body)
            if parent is body:
                name = _xml_text(feed.group)
                parent = ET.SubElement(body, "outline", {"text": name, "title": name})
                folders[feed.group] = parent
        name = _xml_text(feed.title or feed.url)
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": _xml_text(feed.url)}
        if feed.site_url:
            attrs["htmlUrl"] = _xml_text(feed.site_url)
        if feed.topic:
            attrs["category"] = _xml_text(feed.topic)
        if feed.interval_minutes is not None:
            attrs[_INTERVAL] = str(feed.interval_minutes)
        ET.SubElement(parent, "outline", attrs)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


# --- reading -------------------------------------------------------------------------------------


def _parse_xml(data: bytes) -> ET.Element:
    """Strict parse; ``ET.ParseError`` when not well-formed, OpmlError when unsafe."""
    try:
        root: ET.Element = SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        # The message names no entity content: nothing was expanded or fetched.
        raise OpmlError(
            "The OPML file declares a DTD or entities, which Newsdesk refuses to read."
        ) from exc
    except (ValueError, LookupError) as exc:  # an encoding expat or Python cannot handle
        raise ET.ParseError(str(exc)) from exc
    return root


def _parse_lenient(data: bytes) -> ET.Element:
    """Read a file that is not well-formed XML, or raise OpmlError if nothing can be read."""
    text = _decode(data)
    if _DECLARATION.search(text):
        raise OpmlError("The OPML file declares a DTD or entities, which Newsdesk refuses to read.")
    # Most broken exports only lack the escaping of "&" (in titles and query strings).
    escaped = _BARE_AMPERSAND.sub("&amp;", _XML_DECL.sub("", text, count=1))
    try:
        return _parse_xml(escaped.encode("utf-8"))
    except ET.ParseError:
        pass
    root = _read_tags(text)
    if root is None:
        raise OpmlError("This is not an OPML subscription list (no <opml> element was found).")
    return root


def _decode(data: bytes) -> str:
    """The file as text, by its BOM or XML declaration, else UTF-8 (bad bytes replaced)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    encoding = "utf-8"
    match = _ENCODING.match(data)
    if match:
        try:
            encoding = codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            encoding = "utf-8"
    return data.decode(encoding, "replace")


def _read_tags(text: str) -> ET.Element | None:
    """Rebuild the ``<outline>`` tree of broken markup, or None if there is no ``<opml>`` tag.

    ``html.parser`` reads each tag (it tolerates broken quoting and unescapes values), but it is
    fed one tag at a time: given a whole document, Python before 3.13.4 needs quadratic time on
    input such as ``<outline <outline <outline ...`` (CVE-2025-6069), minutes for a 2 MB file.
    A tag thus ends at the next ``<``; a value holding a raw ``<`` loses its outline.
    """
    root = ET.Element("opml")
    head = ET.SubElement(root, "head")
    body = ET.SubElement(root, "body")
    open_outlines = [body]
    reader = _TagReader()
    seen_opml = False
    for match in _TAG_START.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if name == "outline":
            if closing:
                if len(open_outlines) > 1:
                    open_outlines.pop()
                continue
            end = text.find("<", match.end())
            tag = reader.read(text[match.start() : end if end >= 0 else len(text)])
            if tag is not None:
                attrs, self_closing = tag
                outline = ET.SubElement(open_outlines[-1], "outline", attrs)
                if not self_closing:
                    open_outlines.append(outline)
        elif name == "opml":
            seen_opml = True
        elif name == "title" and not closing and len(open_outlines) == 1 and not len(head):
            end = text.find("<", match.end())
            content = text[match.end() : end if end >= 0 else len(text)].partition(">")[2]
            ET.SubElement(head, "title").text = html.unescape(content)
    return root if seen_opml else None


class _TagReader(HTMLParser):
    """Reads one start tag: its attributes (names lower-cased) and whether it closes itself."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._tag: tuple[dict[str, str], bool] | None = None

    def read(self, markup: str) -> tuple[dict[str, str], bool] | None:
        """The attributes of the tag ``markup`` starts with, or None if it is no complete tag."""
        self.reset()
        self._tag = None
        self.feed(markup)
        self.close()
        return self._tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._tag is None:
            self._tag = ({name: value or "" for name, value in attrs}, False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._tag is None:
            self._tag = ({name: value or "" for name, value in attrs}, True)


class _Collector:
    """Walks the outlines (iteratively) and decides about each feed."""

    def __init__(self) -> None:
        self.feeds: list[OpmlFeed] = []
        self._skipped: list[Skipped] = []
        self._more_skipped = 0
        self._left_out = 0
        self._seen: set[str] = set()

    def walk(self, body: ET.Element) -> None:
        """Visit every outline under ``body`` in document order, without recursion."""
        stack: list[tuple[Iterator[ET.Element], str]] = [(iter(body), "")]
        while stack:
            children, group = stack[-1]
            element = next(children, None)
            if element is None:
                stack.pop()
                continue
            if _local(element.tag) != "outline":
                continue
            attrs = {_local(name).lower(): value for name, value in element.attrib.items()}
            address = attrs.get("xmlurl")
            if address is None and attrs.get("type", "").lower() == "rss":
                address = attrs.get("url")
            if address is not None:
                self._add(attrs, address, group)
            elif len(stack) == 1 and len(element):
                # A top-level folder names the group of everything below it.
                group = _outline_title(attrs)
            if len(element):
                stack.append((iter(element), group))

    def _add(self, attrs: dict[str, str], address: str, group: str) -> None:
        if len(self.feeds) >= MAX_FEEDS:
            self._left_out += 1
            return
        title = _outline_title(attrs)
        label = title or _label(address)
        commands = sorted(name for name in attrs if name in _COMMAND_ATTRIBUTES)
        try:
            url = _feed_url(address)
        except UnsafeUrlError as exc:
            self._skip(label, str(exc))
            return
        if url in self._seen:
            self._skip(label, "It is a duplicate of an address already in the list.")
            return
        self._seen.add(url)
        if commands:
            self._skip(
                label,
                f"Its command ({', '.join(commands)}) was ignored; only the address was imported.",
            )
        topic = attrs.get("category", "").split(",", 1)[0].strip().lstrip("/")
        self.feeds.append(
            OpmlFeed(
                url=url,
                title=title or urlsplit(url).hostname or url,
                group=group,
                topic=_plain_text(topic)[:_MAX_TOPIC],
                site_url=safe_link(attrs.get("htmlurl")),
                interval_minutes=_interval(attrs.get("interval", attrs.get("newsdesk:interval"))),
            )
        )

    def _skip(self, text: str, reason: str) -> None:
        if len(self._skipped) < MAX_SKIPPED:
            self._skipped.append(Skipped(text, reason))
        else:
            self._more_skipped += 1

    def summary(self) -> tuple[Skipped, ...]:
        """Every skipped outline, with the counts of those not listed one by one."""
        skipped = list(self._skipped)
        if self._more_skipped:
            skipped.append(
                Skipped(
                    f"{self._more_skipped} more outlines",
                    f"{self._more_skipped} more outlines were skipped; they are not listed.",
                )
            )
        if self._left_out:
            skipped.append(
                Skipped(
                    f"{self._left_out} more feeds",
                    f"Only the first {MAX_FEEDS} feeds are imported; "
                    f"{self._left_out} were left out.",
                )
            )
        return tuple(skipped)


def _feed_url(address: str) -> str:
    """The normalised http(s) address of a feed, or UnsafeUrlError saying why not."""
    raw = address.strip()
    if raw.startswith("|"):
        raise UnsafeUrlError("It is a command, not a web address.")
    if (
        raw.startswith(("~", ".", "\\"))
        or (raw.startswith("/") and not raw.startswith("//"))
        or _WINDOWS_PATH.match(raw)
    ):
        raise UnsafeUrlError("It is a local file path, not a web address.")
    try:
        url = normalize_feed_url(raw)
    except ValueError as exc:  # urlsplit's own complaints ("Invalid IPv6 URL") escape it
        raise UnsafeUrlError("The address is not a valid web address.") from exc
    host = urlsplit(url).hostname or ""
    if not _HOST.match(host):
        raise UnsafeUrlError("The address has no valid host name.")
    return url


def _interval(value: str | None) -> int | None:
    """A ``newsdesk:interval`` value in minutes, or None when absent or out of bounds."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        return None
    minutes = int(text)
    return minutes if MIN_INTERVAL_MINUTES <= minutes <= MAX_INTERVAL_MINUTES else None


def _outline_title(attrs: dict[str, str]) -> str:
    """An outline's ``text`` (required by OPML), else its ``title``, as plain text."""
    return _plain_text(attrs.get("text", "")) or _plain_text(attrs.get("title", ""))


def _plain_text(text: str) -> str:
    """``text`` as one line of plain text: tags removed, whitespace collapsed, capped."""
    text = _NOT_TEXT.sub("", _TAG.sub(" ", text))
    return " ".join(text.split())[:MAX_TITLE].rstrip()


def _label(address: str) -> str:
    """A raw address made safe to show in the import summary."""
    return " ".join(_NOT_TEXT.sub("", address).split())[:_MAX_LABEL]


def _local(tag: object) -> str:
    """An element or attribute name without its namespace, lower-cased."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (ElementTree would write them)."""
    return _NOT_TEXT.sub("", text)
