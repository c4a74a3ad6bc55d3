"""Feed HTML made safe to store and to show: the one choke point for hostile markup.

Why this module exists: feedparser's own sanitiser keeps ``file:``/``smb:`` URLs, ``data:``
images, forms, SVG ``javascript:`` links and layout bombs, and a ``QTextBrowser`` reads local
files for ``<img src>`` and freezes on deeply nested tables (notes/security-model.md §2.1, §2.3,
§2.4, rows A1-A4). So every article body goes through :func:`sanitize` before it is stored, and
feed text shown anywhere else goes through :func:`plain_title` or :func:`to_text` and is shown
as plain text (row A5).

How :func:`sanitize` works, in three steps:

1. A linear pass over the raw markup defuses inputs that make html5ever (inside nh3) itself
   slow or huge, all measured with nh3 0.3.8: nesting thousands deep costs it quadratic time
   (every ``<div>`` walks the whole stack of open elements: 20 000 divs 0.5 s, 200 000 divs
   80 s); unclosed formatting elements with distinct attributes (``<b title=1><b title=2>``...)
   are cloned into every later block (37 KB of input became 37 MB of output); and a text node
   or attribute value full of ``&`` or U+0080-U+00BF characters is quadratic too (2 MB of
   U+00A0 in one paragraph: 52 s). Start tags past :data:`MAX_PARSE_DEPTH` become bogus
   comments; when more than :data:`MAX_OPEN_FORMATTING` formatting elements are open at once,
   they all lose their formatting role; those characters travel through nh3 as private-use
   placeholders. Input past :data:`MAX_INPUT_CHARS` is ignored.
2. nh3 (Ammonia) with an explicit allowlist of tags, attributes and URL schemes. Its
   ``attribute_filter`` resolves every ``href``/``src``/``cite`` against an http(s) base with
   :func:`newsdesk.core.links.safe_link` and drops whatever is not http(s) (or ``mailto`` for
   links); it also normalises sizes and spans.
3. One linear token walk over nh3's output (which is canonical: balanced tags, double-quoted
   attributes, escaped text) applies the structural caps: table nesting, table cells, element
   depth, tracking pixels, images without a source, nested links, output size.

Steps 2 and 3 repeat until the text no longer changes, normally after one round. Ammonia's
output is not always stable under Ammonia (rust-ammonia/ammonia#185; here: newlines that open a
``<pre>`` are lost one per pass), and flattening a table can let the parser move elements (a
``<li>`` in a flattened cell closes an outer ``<li>``). The result is a fixed point:
``sanitize(sanitize(x, base), base) == sanitize(x, base)``.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html.entities import html5 as html5_entities

import nh3

from newsdesk.core.links import safe_link

log = logging.getLogger(__name__)

#: Real ``<table>`` elements may nest this deep; deeper ones are flattened to ``<div>``s.
MAX_TABLE_DEPTH = 2
#: Table cells per article (a cell with spans counts ``colspan * rowspan``); later cells are
#: flattened, their text kept.
MAX_TABLE_CELLS = 2000
#: Elements may nest this deep in the output; deeper elements are unwrapped, their text kept.
MAX_DEPTH = 100
#: Characters of sanitised HTML kept per article; longer articles are cut and end with
#: :data:`TRUNCATION_MARKER`.
MAX_OUTPUT_CHARS = 512 * 1024
#: Characters of raw HTML looked at; the rest is ignored before parsing.
MAX_INPUT_CHARS = 2 * 1024 * 1024
#: Nesting the raw markup may reach before nh3 parses it (see step 1 of the module docstring).
MAX_PARSE_DEPTH = 512
#: Formatting elements (``b``, ``i``, ``font``, ...) that may be open at once in the raw markup
#: before all of them are parsed as plain elements (see step 1 of the module docstring).
MAX_OPEN_FORMATTING = 16
#: ``colspan`` and ``rowspan`` are capped to this.
MAX_CELL_SPAN = 20
#: Image ``width``/``height`` above this are dropped (the image keeps its own size).
MAX_IMAGE_SIDE = 4096
#: Characters kept of ``title``, ``alt`` and ``datetime`` attributes.
MAX_ATTR_CHARS = 1000
#: Characters kept of a title by :func:`plain_title`.
MAX_TITLE_CHARS = 1000
#: Appended (at the top level) to an article cut at :data:`MAX_OUTPUT_CHARS`.
TRUNCATION_MARKER = "<p>[…]</p>"

# fmt: off
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "a", "img", "b", "strong", "i", "em", "u", "s", "sub", "sup", "small",
        "mark", "code", "pre", "kbd", "blockquote", "q", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th",
        "td", "caption", "figure", "figcaption", "hr", "span", "div", "abbr", "cite", "time",
    }
)
# fmt: on
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
    "abbr": frozenset({"title"}),
    "time": frozenset({"datetime"}),
}
#: Schemes nh3 lets through; the attribute filter narrows ``src`` and ``cite`` to http(s).
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Added to every link, so nothing opened from an article learns where it came from.
LINK_REL = "noopener noreferrer"
#: Elements removed together with their content (not just unwrapped). ``noscript`` is parsed
#: as raw text by html5ever, so keeping it would show its markup as text.
# fmt: off
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "iframe", "object", "noembed", "noframes", "noscript",
     "xmp", "svg"}
)
# fmt: on

_MARKER_LEN = len(TRUNCATION_MARKER)
_MAX_ROUNDS = 4
_VOID = frozenset({"br", "hr", "img"})
_TABLE_PARTS = frozenset({"caption", "thead", "tbody", "tfoot", "tr", "td", "th"})
#: Unwrapping one of these leaves a space behind, so the words on either side stay apart.
# fmt: off
_BLOCKS = frozenset(
    {
        "p", "div", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
        "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
        "figure", "figcaption", "hr", "br",
    }
)
# fmt: on

# --- step 1: defusing the raw markup ----------------------------------------------------------

#: Every ``<`` + letter, the way html5ever starts a tag (a tag name runs to whitespace, ``/`` or
#: ``>``). Comments, scripts and attribute values are deliberately not skipped: counting a few
#: tags too many is harmless, while any region skipped here that html5ever parses as markup
#: would hide a bomb (``<svg><title></svg></title><style>`` is markup to html5ever, say).
_TAG_START = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)")
#: html5ever's formatting elements (the "list of active formatting elements"), without ``a``,
#: of which the parser keeps at most one.
_FORMATTING = frozenset(
    {"b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"}
)
#: Void elements and elements a following sibling closes: they add no nesting in sloppy markup.
# fmt: off
_NOT_NESTING = _VOID | frozenset(
    {
        "area", "base", "basefont", "bgsound", "col", "embed", "input", "keygen", "link",
        "meta", "param", "source", "track", "wbr", "image", "p", "li", "dt", "dd", "option",
        "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb",
        "rp", "rt", "rtc", "html", "head", "body", "frame",
    }
)
# fmt: on

# nh3 0.3.8 takes quadratic time over a text node or attribute value that holds many "&" or
# U+0080-U+00BF characters (2 MB of U+00A0 in one paragraph: 52 s; any other character is
# linear). They are swapped for private-use placeholders around every nh3 call and swapped
# back in its output, which nh3 then produces exactly as it would have (see _to_placeholders).
_PLACEHOLDER_BASE = 0xF0000  # plane 15, private use; real ones in the range become U+FFFD
_AMP = chr(_PLACEHOLDER_BASE + 0x26)
_NBSP = chr(_PLACEHOLDER_BASE + 0xA0)
_SLOW = "&" + "".join(chr(code) for code in range(0x80, 0xC0))
_TO_PLACEHOLDER: dict[int, str] = {
    **{code: "\ufffd" for code in range(_PLACEHOLDER_BASE, _PLACEHOLDER_BASE + 0x100)},
    **{ord(ch): chr(_PLACEHOLDER_BASE + ord(ch)) for ch in _SLOW[1:]},
}
_SLOW_TO_PLACEHOLDER: dict[int, str] = {ord(ch): chr(_PLACEHOLDER_BASE + ord(ch)) for ch in _SLOW}
_FROM_PLACEHOLDER: dict[int, str] = {_PLACEHOLDER_BASE + ord(ch): ch for ch in _SLOW}
#: Placeholders back to serialised HTML (html5ever escapes "&" and U+00A0 like this).
_FROM_PLACEHOLDER_ESCAPED = {**_FROM_PLACEHOLDER, ord(_AMP): "&amp;", ord(_NBSP): "&nbsp;"}
_BARE_AMP = re.compile(r"&(?![#A-Za-z])")  # entity names start with a letter
_CHAR_REF = re.compile(r"&(?!(?:lt|gt|quot);)(?:#[xX][0-9a-fA-F]*|#[0-9]*|[A-Za-z][A-Za-z0-9]*);?")
_LEGACY_NAMES = frozenset(name for name in html5_entities if not name.endswith(";"))


def _char_ref(match: re.Match[str]) -> str:
    """A character reference as placeholders when it means "&" or U+0080-U+00BF everywhere.

    html5ever decodes references with a ``;`` and numeric ones the same way in text and in
    attribute values, and so does :func:`html.unescape`. A legacy name without ``;`` is
    context dependent (``&copy=`` stays literal in an attribute) and is left alone, unless no
    prefix of it is a legacy name: then the ``&`` is literal everywhere.
    """
    ref = match.group()
    if ref[1] != "#" and not ref.endswith(";"):
        name = ref[1:]
        if name in _LEGACY_NAMES and match.string[match.end() : match.end() + 1] != "=":
            decoded = html5_entities[name]  # decoded in attribute values too (no "=" follows)
            return (
                decoded.translate(_SLOW_TO_PLACEHOLDER)
                if len(decoded) == 1 and decoded in _SLOW
                else ref
            )
        if any(name[:end] in _LEGACY_NAMES for end in range(2, min(len(name), 8) + 1)):
            return ref
        return _AMP + name
    if ref in ("&#", "&#;", "&#x", "&#X", "&#x;", "&#X;"):
        return _AMP + ref[1:]  # no digits: not a reference at all
    decoded = html_lib.unescape(ref)
    if decoded == ref and ref[1] != "#":
        if any(ref[1:end] in _LEGACY_NAMES for end in range(3, min(len(ref), 9))):
            return ref  # html5ever may still decode a legacy prefix of it
        return _AMP + ref[1:]
    if decoded and all(ch in _SLOW for ch in decoded):
        return decoded.translate(_SLOW_TO_PLACEHOLDER)
    return ref


def _to_placeholders(markup: str) -> str:
    """Swap "&" and U+0080-U+00BF, raw or as references, for placeholders nh3 parses fast.

    Only swaps that mean the same in every place html5ever keeps text (text, attribute values,
    RCDATA) are made; references in comments and raw-text elements are swapped too, but those
    are removed with their content.
    """
    if not markup.isascii():
        markup = markup.translate(_TO_PLACEHOLDER)
    if "&" not in markup:
        return markup
    markup = markup.replace("&amp;", _AMP).replace("&nbsp;", _NBSP)
    markup = _BARE_AMP.sub(_AMP, markup)
    return _CHAR_REF.sub(_char_ref, markup)


def _from_placeholders(markup: str) -> str:
    """nh3 output with the placeholders serialised the way html5ever writes those characters."""
    return markup.translate(_FROM_PLACEHOLDER_ESCAPED) if not markup.isascii() else markup


def _placeholder_text(text: str) -> str:
    """Decoded text (an attribute value) with the placeholders made real characters again."""
    return text.translate(_FROM_PLACEHOLDER) if not text.isascii() else text


def _defuse(markup: str) -> str:
    """Bound what html5ever has to do with ``markup`` (step 1 of the module docstring).

    Cuts the input at :data:`MAX_INPUT_CHARS`, swaps in placeholders (see
    :func:`_to_placeholders`) and counts nesting naively (a start tag opens, an end tag of an
    open name closes one) in one regex pass. Start tags past :data:`MAX_PARSE_DEPTH` become
    ``<!...>`` bogus comments, which the parser skips and nh3 strips. If more than
    :data:`MAX_OPEN_FORMATTING` formatting elements are open at some point, every formatting
    tag is renamed to an unknown element (which nh3 unwraps), so none can be cloned. Text
    always survives.
    """
    markup = _to_placeholders(_without_surrogates(markup[:MAX_INPUT_CHARS]))
    if markup.count("<") <= MAX_OPEN_FORMATTING:
        return markup
    open_by_name: dict[str, int] = {}
    depth = 0
    open_formatting = 0
    worst_formatting = 0
    to_comment: list[int] = []
    formatting_at: list[int] = []
    for match in _TAG_START.finditer(markup):
        name = match.group(2).lower()
        is_end = match.group(1) == "/"
        if name in _FORMATTING:
            formatting_at.append(match.start(2))
        if name in _NOT_NESTING:
            continue
        if is_end:
            count = open_by_name.get(name, 0)
            if count:
                open_by_name[name] = count - 1
                depth -= 1
                if name in _FORMATTING:
                    open_formatting -= 1
        elif depth >= MAX_PARSE_DEPTH:
            to_comment.append(match.start() + 1)
        else:
            open_by_name[name] = open_by_name.get(name, 0) + 1
            depth += 1
            if name in _FORMATTING:
                open_formatting += 1
                worst_formatting = max(worst_formatting, open_formatting)
    edits = [(pos, "!") for pos in to_comment]
    if worst_formatting > MAX_OPEN_FORMATTING:
        edits += [(pos, "nd-") for pos in formatting_at]
    if not edits:
        return markup
    log.debug(
        "Defused markup: %d start tags past depth %d, formatting elements open at once: %d",
        len(to_comment),
        MAX_PARSE_DEPTH,
        worst_formatting,
    )
    edits.sort()
    pieces: list[str] = []
    last = 0
    for pos, insert in edits:
        pieces.append(markup[last:pos])
        pieces.append(insert)
        last = pos
    pieces.append(markup[last:])
    return "".join(pieces)


def _without_surrogates(text: str) -> str:
    """``text`` with lone surrogates (JSON Feed can escape one) replaced; nh3 cannot take them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


# --- step 2: nh3 -------------------------------------------------------------------------------

_DIMENSION = re.compile(r"\s*(\d{1,9})\s*(?:px)?\s*", re.IGNORECASE)
_NUMBER = re.compile(r"\s*(\d{1,9})\s*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _mailto(value: str) -> str | None:
    url = value.strip()
    if url[:7].lower() != "mailto:" or len(url) > 4096 or _CONTROL.search(url):
        return None
    return url


def _attribute_filter(base_url: str | None) -> Callable[[str, str, str], str | None]:
    """The nh3 ``attribute_filter``: resolve and check URLs, normalise numbers, cap text.

    It must never raise: nh3 would report the exception through ``sys.unraisablehook``.
    """

    def keep(tag: str, attribute: str, raw_value: str) -> str | None:
        try:
            value = _placeholder_text(raw_value)
            if attribute in ("href", "src", "cite"):
                url = safe_link(value, base_url)
                if url is None and tag == "a" and attribute == "href":
                    return _mailto(value)
                return url
            if attribute in ("width", "height"):
                match = _DIMENSION.fullmatch(value)
                if match is None or int(match.group(1)) > MAX_IMAGE_SIDE:
                    return None
                return str(int(match.group(1)))
            if attribute in ("colspan", "rowspan"):
                match = _NUMBER.fullmatch(value)
                if match is None or int(match.group(1)) <= 1:
                    return None
                return str(min(int(match.group(1)), MAX_CELL_SPAN))
            if attribute == "rel":  # the one nh3 adds itself (LINK_REL)
                return value
            return value[:MAX_ATTR_CHARS]
        except Exception:  # a bug here must drop the attribute, never keep it unchecked
            log.exception("Attribute filter failed on <%s %s>", tag, attribute)
            return None

    return keep


def _cleaner(base_url: str | None) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        # "*" replaces Ammonia's default generic attributes (lang, title on every element).
        attributes={"*": set(), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
        attribute_filter=_attribute_filter(base_url),
        strip_comments=True,
        link_rel=LINK_REL,
        url_schemes=set(URL_SCHEMES),
    )


# --- step 3: structural caps over nh3's canonical output ----------------------------------------

#: nh3 (html5ever) serialises tags as ``<name a="v">`` / ``</name>`` with ``"`` escaped inside
#: values and ``<`` escaped in text, so this tokenises its output exactly. The final ``<``
#: alternative never matches nh3 output; it keeps the walk total anyway.
_TOKEN = re.compile(r'<(/?)([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="[^"]*")*)>|[^<]+|<')
_ATTRIBUTE = re.compile(r' ([a-z][a-z0-9-]*)="([^"]*)"')


@dataclass(slots=True)
class _Frame:
    """One element of the input that is open during the walk."""

    name: str
    emitted: str | None  # the tag written for it while open; None once closed or if unwrapped
    unwrapped: bool = False  # a cap removed its tags (its text stays)


class _Capper:
    """Applies the structural caps in one pass over nh3 output (see :func:`_apply_caps`)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.length = 0  # characters in self.out
        self.closers = 0  # characters of the end tags still owed to open emitted elements
        self.stack: list[_Frame] = []
        self.depth = 0  # open emitted elements
        self.real_tables = 0  # open emitted <table> elements
        self.table_real: list[bool] = []  # per open input <table>: still a real table?
        self.cells = 0
        self.links = 0  # open emitted <a> elements
        self.cut = False

    # -- output with the size budget --

    def _fits(self, grow: int) -> bool:
        return self.length + self.closers + _MARKER_LEN + grow <= MAX_OUTPUT_CHARS

    def _write_start(self, tag: str, attributes: str) -> bool:
        start = f"<{tag}{attributes}>"
        end = 0 if tag in _VOID else len(tag) + 3
        if not self._fits(len(start) + end):
            self._cut()
            return False
        self.out.append(start)
        self.length += len(start)
        if end:
            self.closers += end
            self.depth += 1
            if tag == "table":
                self.real_tables += 1
            elif tag == "a":
                self.links += 1
        return True

    def _write_end(self, frame: _Frame) -> None:
        tag = frame.emitted
        if tag is None:
            return
        frame.emitted = None
        end = f"</{tag}>"
        self.out.append(end)
        self.length += len(end)
        self.closers -= len(end)
        self.depth -= 1
        if tag == "table":
            self.real_tables -= 1
        elif tag == "a":
            self.links -= 1

    def _write_text(self, text: str) -> bool:
        if not self._fits(len(text)):
            room = MAX_OUTPUT_CHARS - self.length - self.closers - _MARKER_LEN
            head = text[: max(room, 0)]
            amp = head.rfind("&", max(len(head) - 8, 0))
            if amp >= 0 and ";" not in head[amp:]:
                head = head[:amp]  # never split an entity such as &nbsp;
            if head:
                self.out.append(head)
                self.length += len(head)
            self._cut()
            return False
        self.out.append(text)
        self.length += len(text)
        return True

    def _close_all(self) -> None:
        for frame in reversed(self.stack):
            self._write_end(frame)

    def _cut(self) -> None:
        self._close_all()
        self.cut = True

    # -- tokens --

    def start(self, name: str, attributes: str) -> bool:
        """Handle a start tag; False when the size budget ran out."""
        attrs = dict(_ATTRIBUTE.findall(attributes)) if attributes else {}
        if name in _VOID:
            return self._void(name, attributes, attrs)
        emitted: str | None = name
        if name == "table":
            real = (
                self.real_tables < MAX_TABLE_DEPTH
                and self.cells < MAX_TABLE_CELLS
                and self.depth + 4 <= MAX_DEPTH  # room for table > tbody > tr > td
            )
            self.table_real.append(real)
            if not real:
                emitted, attributes = "div", ""
        elif name in _TABLE_PARTS:
            emitted, attributes = self._table_part(name, attributes, attrs)
        elif name == "a" and self.links:
            emitted = None  # a link inside a link (possible only across table cells)
        if emitted is not None and self.depth + 1 > MAX_DEPTH:
            emitted = None
        if emitted is None and name in _BLOCKS and not self._write_text(" "):
            return False
        self.stack.append(_Frame(name, emitted, unwrapped=emitted is None))
        if emitted is None:
            return True
        return self._write_start(emitted, attributes)

    def _void(self, name: str, attributes: str, attrs: dict[str, str]) -> bool:
        if name == "img":
            if not attrs.get("src"):
                return True  # its URL was dropped: nothing left to show
            if attrs.get("width") in ("0", "1") and attrs.get("height") in ("0", "1"):
                return True  # a tracking pixel
        if self.depth + 1 > MAX_DEPTH:
            return name == "img" or self._write_text(" ")
        return self._write_start(name, attributes)

    def _table_part(
        self, name: str, attributes: str, attrs: dict[str, str]
    ) -> tuple[str | None, str]:
        if self.table_real and self.table_real[-1]:
            if name in ("td", "th"):
                cost = int(attrs.get("colspan", "1")) * int(attrs.get("rowspan", "1"))
                if self.cells + cost <= MAX_TABLE_CELLS:
                    self.cells += cost
                    return name, attributes
                self._close_real_table()
            elif name == "tr" and self.cells >= MAX_TABLE_CELLS:
                self._close_real_table()
            else:
                return name, attributes
        # A flattened table: rows and captions become blocks, cells run on within their row.
        if name in ("tr", "caption"):
            return "div", ""
        return None, ""

    def _close_real_table(self) -> None:
        """The cell budget ran out inside a real table: end it here and flatten the rest."""
        # The frames stay on the stack (their end tags are still to come) but write nothing more.
        for frame in reversed(self.stack):
            self._write_end(frame)
            if frame.name == "table":
                break
        self.table_real[-1] = False

    def end(self, name: str) -> bool:
        """Handle an end tag; False when the size budget ran out.

        nh3 output is balanced, so the element to close is on top of the stack; the search
        below only keeps the walk total for anything else.
        """
        if not self.stack or (
            self.stack[-1].name != name and all(frame.name != name for frame in self.stack)
        ):
            return True
        while self.stack:
            frame = self.stack.pop()
            self._write_end(frame)
            if frame.name == "table":
                self.table_real.pop()
            if frame.unwrapped and frame.name in _BLOCKS and not self._write_text(" "):
                return False
            if frame.name == name:
                break
        return True

    def finish(self) -> str:
        """Close whatever is open and return the output."""
        self._close_all()
        return "".join(self.out)


def _apply_caps(markup: str) -> str:
    """Apply the structural caps to nh3 output ``markup``; unchanged text if none applies."""
    ends_with_marker = markup.endswith(TRUNCATION_MARKER)
    if ends_with_marker:
        # A balanced string that ends with this <p> has it at the top level: it is our marker
        # from an earlier cut (or identical to it), and its room is already reserved.
        markup = markup[: -len(TRUNCATION_MARKER)]
    capper = _Capper()
    after_pre = False
    for match in _TOKEN.finditer(markup):
        name = match.group(2)
        if name is None:
            text = match.group()
            if text == "<":
                text = "&lt;"
            elif after_pre:
                # The parser drops one newline after <pre>; html5ever does not write it back.
                # Dropping them all makes the result stable.
                text = text.lstrip("\n")
            after_pre = False
            if text and not capper._write_text(text):
                break
            continue
        after_pre = False
        if match.group(1):
            if not capper.end(name):
                break
        else:
            after_pre = name == "pre"
            if not capper.start(name, match.group(3)):
                break
    result = capper.finish()
    if capper.cut or ends_with_marker:
        result += TRUNCATION_MARKER
    return result


def _escape_text(text: str) -> str:
    """Escape text the way html5ever serialises it."""
    return (
        text.replace("&", "&amp;")
        .replace("\xa0", "&nbsp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _as_paragraph(markup: str) -> str:
    """Last resort when the rounds do not settle: the text alone, in one paragraph."""
    text = _escape_text(to_text(markup))
    room = MAX_OUTPUT_CHARS - _MARKER_LEN - len("<p></p>")
    if len(text) <= room:
        return f"<p>{text}</p>" if text else ""
    head = text[:room]
    amp = head.rfind("&", max(len(head) - 8, 0))
    if amp >= 0 and ";" not in head[amp:]:
        head = head[:amp]
    return f"<p>{head}</p>{TRUNCATION_MARKER}"


def sanitize(html: str, base_url: str | None = None) -> str:
    """Make feed HTML safe to store and to show in the article view.

    Only :data:`ALLOWED_TAGS` and :data:`ALLOWED_ATTRIBUTES` survive. ``href``, ``src`` and
    ``cite`` are resolved against ``base_url`` when it is an http(s) URL; anything that does not
    end up http(s) (or ``mailto:`` for links) is dropped, and an image left without a source,
    or declared 1x1 or 0x0, is removed. Table nesting, table cells, element depth and length are
    capped (:data:`MAX_TABLE_DEPTH`, :data:`MAX_TABLE_CELLS`, :data:`MAX_DEPTH`,
    :data:`MAX_OUTPUT_CHARS`); capped structure is flattened or unwrapped so its text stays,
    and a cut article ends with :data:`TRUNCATION_MARKER`.

    Args:
        html: An HTML fragment from a feed (summary or content), possibly hostile.
        base_url: The URL relative links are resolved against (the entry's link or the feed's
            ``xml:base``); ignored unless it is an http(s) URL.

    Returns:
        Well-formed HTML that is its own sanitised form:
        ``sanitize(sanitize(html, b), b) == sanitize(html, b)``.
    """
    if not html:
        return ""
    cleaner = _cleaner(base_url)
    current = _from_placeholders(cleaner.clean(_defuse(html)))
    for _ in range(_MAX_ROUNDS):
        capped = _apply_caps(current)
        cleaned = _from_placeholders(cleaner.clean(_to_placeholders(capped)))
        if capped == current and cleaned == current:
            return current
        current = cleaned
    log.warning("Sanitised HTML did not settle after %d rounds; keeping its text", _MAX_ROUNDS)
    return _as_paragraph(current)


# --- plain text ----------------------------------------------------------------------------------

#: Tags kept while extracting text, each read as a word break.
_TEXT_BREAKS = _BLOCKS | frozenset({"img"})
_TEXT_CLEANER_TAGS = set(_TEXT_BREAKS)
_TEXT_TOKEN = re.compile(r"<[^>]*>|[^<]+")


def to_text(html: str, limit: int | None = None) -> str:
    """Plain text of an HTML fragment, for full-text search and snippets.

    Tags are removed (block elements and ``<br>`` separate words), entities decoded once,
    script and style content dropped, and runs of whitespace collapsed to one space. The
    markup is parsed by html5ever (through nh3), like :func:`sanitize`, in linear time.

    Args:
        html: An HTML fragment (raw or already sanitised).
        limit: Keep at most this many characters of the result.

    Returns:
        The text, stripped; ``""`` for empty input.
    """
    if not html or (limit is not None and limit <= 0):
        return ""
    markup = nh3.clean(
        _defuse(html),
        tags=_TEXT_CLEANER_TAGS,
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={},
        link_rel=None,
    )
    words: list[str] = []
    size = 0
    for match in _TEXT_TOKEN.finditer(markup):
        piece = match.group()
        if piece[0] == "<":
            continue  # a kept block tag: its word break is the join below
        found = _placeholder_text(html_lib.unescape(piece)).split()
        # Text pieces are split by tags, and every tag left here breaks words.
        words.extend(found)
        size += sum(len(word) + 1 for word in found)
        if limit is not None and size > limit:
            break
    # Adjacent text pieces are always separated by a kept tag (nh3 merges text), so joining
    # with a space never splits a word.
    text = " ".join(words)
    return text if limit is None else text[:limit].rstrip()


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def plain_title(text: str) -> str:
    """The plain text a reader should see for a feed or entry title.

    feedparser hands titles over as text that can still hold markup (``<b>bold</b>``) or
    escaped entities (``&amp;#8211;``). Tags are stripped, entities decoded (a second time if
    one survived the first, so ``&#8211;`` becomes ``–``), control characters removed,
    whitespace collapsed, and the result capped at :data:`MAX_TITLE_CHARS`.

    Args:
        text: A title as feedparser reports it.

    Returns:
        Plain text, safe to show with ``Qt.TextFormat.PlainText`` (never as rich text).
    """
    if not text:
        return ""
    plain = to_text(text[: MAX_TITLE_CHARS * 8])
    plain = _ENTITY.sub(lambda match: html_lib.unescape(match.group()), plain)
    plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Cc")
    plain = " ".join(plain.split())
    return plain[:MAX_TITLE_CHARS].rstrip()
