"""The one place that asks the operating system to open a URL (``QDesktopServices.openUrl``).

Every link surface (article text, "Open original", "In other media", enclosures) comes here, so
the policy lives in one function: :func:`newsdesk.core.links.openable` decides, and only
``http``, ``https`` and, after the user confirms, ``mailto`` reach the system
(notes/security-model.md §2.2, rows B1, B2). A ``file:``, ``smb:``, ``javascript:``,
``ms-settings:`` or any other link is refused and nothing happens.

Two extra checks here, because what Python's ``urlsplit`` accepted is not necessarily what
``QUrl`` hands to the desktop: the URL is parsed again by ``QUrl`` and must still have an allowed
scheme and, for the web, a host and no user info. A ``mailto:`` keeps only the address and the
``subject`` and ``body`` fields: some mail programs honour ``attach=`` / ``attachment=``, which
would let a feed attach ``~/.ssh/id_rsa`` to a draft.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from urllib.parse import parse_qsl, quote, urlencode

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from newsdesk.core.links import openable

log = logging.getLogger(__name__)

#: The mailto header fields passed on to the mail program; all others are dropped.
MAILTO_FIELDS = frozenset({"subject", "body"})
_WEB = frozenset({"http", "https"})
#: Unicode categories never shown as they are in a link target (controls, format and bidi
#: marks, separators, unassigned and private-use code points).
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_MAX_SHOWN = 500


def mailto_box(address: str, parent: QWidget | None = None) -> QMessageBox:
    """The confirmation asked before a ``mailto:`` link starts the mail program.

    The address comes from a feed, so the box shows it as plain text.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    # Literal strings in each call: lupdate cannot see through a helper taking a variable.
    title = QCoreApplication.translate("LinkOpener", "Write an email?")
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    question = QCoreApplication.translate(
        "LinkOpener", "Open your email program to write to this address?"
    )
    box.setText(question + "\n\n" + address)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAccessibleName(title)
    return box


def ask_mailto(address: str, parent: QWidget | None) -> bool:
    """Ask the user (modal) whether to open the mail program for ``address``."""
    return mailto_box(address, parent).exec() == QMessageBox.StandardButton.Yes


#: How a ``mailto:`` is confirmed: ``(address, parent) -> bool``. Tests replace it.
confirm: Callable[[str, QWidget | None], bool] = ask_mailto


def open_link(url: str, base: str | None = None, *, parent: QWidget | None = None) -> bool:
    """Open a clicked link in the system browser (or mail program), if the policy allows it.

    Args:
        url: The link as the feed wrote it (possibly relative, possibly hostile).
        base: The article's own address, against which relative links resolve.
        parent: The window a ``mailto:`` confirmation belongs to.

    Returns:
        True when the system was asked to open the link; False when it was refused, declined
        by the user, or the system could not open it.
    """
    target = openable(url, base)
    if target is None:
        log.info("Refused to open a link that is not http, https or mailto: %.200r", url)
        return False
    if target.lower().startswith("mailto:"):
        return _open_mailto(target, parent)
    qurl = QUrl(target, QUrl.ParsingMode.TolerantMode)
    if (
        not qurl.isValid()
        or qurl.scheme().lower() not in _WEB
        or not qurl.host()
        or qurl.userInfo()
    ):
        log.info("Refused a link Qt reads differently: %.200r", target)
        return False
    return bool(QDesktopServices.openUrl(qurl))


def mailto_target(target: str) -> str:
    """``target`` (an allowed ``mailto:`` URL) with only the address, subject and body kept."""
    address, _, query = target[len("mailto:") :].partition("?")
    # RFC 6068: "+" is a plus sign in mailto, not a space as in form data.
    pairs = parse_qsl(query.replace("+", "%2B"))
    kept = [(k, v) for k, v in pairs if k.lower() in MAILTO_FIELDS]
    # urlencode's default quote_plus would turn spaces into "+", which mail programs show.
    fields = urlencode(kept, quote_via=quote) if kept else ""
    return "mailto:" + address + ("?" + fields if fields else "")


def display_url(url: str) -> str:
    """How a link target is shown on hover: the real host in its ASCII (punycode) form.

    An internationalised host that imitates another (``аррӏе.com`` in Cyrillic) shows as
    ``xn--...``; control, format and bidirectional characters anywhere are percent-encoded,
    so a right-to-left override cannot reorder what the user reads.
    """
    qurl = QUrl(url, QUrl.ParsingMode.TolerantMode)
    if not qurl.isValid():
        return _visible(url)
    if not qurl.host():  # mailto:, javascript:, relative links: nothing to spell out
        return _visible(qurl.toString())
    host = qurl.host(QUrl.ComponentFormattingOption.EncodeUnicode)
    if ":" in host:
        host = f"[{host}]"
    port = f":{qurl.port()}" if qurl.port() != -1 else ""
    rest = qurl.path()
    if qurl.hasQuery():
        rest += "?" + qurl.query()
    if qurl.hasFragment():
        rest += "#" + qurl.fragment()
    return _visible(f"{qurl.scheme()}://{host}{port}{rest}")


def _visible(text: str) -> str:
    return "".join(
        quote(ch, safe="")
        if unicodedata.category(ch) in _INVISIBLE or (ch.isspace() and ch != " ")
        else ch
        for ch in text[:_MAX_SHOWN]
    ) + ("…" if len(text) > _MAX_SHOWN else "")


def _open_mailto(target: str, parent: QWidget | None) -> bool:
    cleaned = mailto_target(target)
    qurl = QUrl(cleaned, QUrl.ParsingMode.TolerantMode)
    if not qurl.isValid() or qurl.scheme().lower() != "mailto":
        log.info("Refused a mailto link Qt cannot read: %.200r", target)
        return False
    address = qurl.path()
    if not confirm(address, parent):
        return False
    return bool(QDesktopServices.openUrl(qurl))


__all__ = [
    "MAILTO_FIELDS",
    "ask_mailto",
    "confirm",
    "display_url",
    "mailto_box",
    "mailto_target",
    "open_link",
]
