"""The Russian translation: a complete, current catalogue, and a UI that really speaks it.

Run as a script, this module lists what is left to translate (``make translations`` does)::

    .venv/bin/python tests/ui/test_translation.py [resources/translations/newsdesk_ru.ts]

Installing a translator and ``QLocale.setDefault`` are process-wide; the ``russian`` fixture
takes both back at teardown, so the rest of the suite still sees English and the C locale.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "newsdesk_ru.ts"
QM = TS.with_suffix(".qm")
#: What ``make translations`` hands to lupdate.
SCANNED = (REPO / "app" / "newsdesk" / "ui", REPO / "app" / "newsdesk" / "worker")
#: ``{name}`` for str.format, ``%1``–``%9`` (and ``%L1``), ``%n``/``%Ln``, QProgressBar's ``%v``
#: ``%m`` ``%p``.
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%L?[1-9n]|%[vmp]")
_RUSSIAN_FORMS = 3


@dataclass(frozen=True, slots=True)
class Message:
    """One ``<message>`` of a .ts file."""

    context: str
    source: str
    translations: tuple[str, ...]  # one, or one per plural form
    plural: bool
    state: str  # "" when finished; "unfinished", "vanished", "obsolete"


def read_catalogue(path: Path = TS) -> tuple[str, list[Message]]:
    """The ``language`` attribute and the messages of a .ts file."""
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name}: {message.findtext('source')!r}"
            plural = message.get("numerus") == "yes"
            forms = [f.text or "" for f in translation.iter("numerusform")]
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    tuple(forms) if plural else (translation.text or "",),
                    plural,
                    translation.get("type", ""),
                )
            )
    return root.get("language", ""), messages


def accelerators(text: str) -> int:
    """How many keyboard mnemonics ``text`` marks ("&&" is a literal ampersand)."""
    return text.replace("&&", "").count("&")


def problems(path: Path = TS) -> list[str]:
    """Everything that keeps the catalogue from being shipped, one line each."""
    found = []
    for m in read_catalogue(path)[1]:
        where = f"{m.context}: {m.source!r}"
        if m.state:
            found.append(f"{m.state}: {where}")
            continue
        if m.plural and len(m.translations) != _RUSSIAN_FORMS:
            found.append(f"{len(m.translations)} plural forms, not {_RUSSIAN_FORMS}: {where}")
        wanted = Counter(_PLACEHOLDER.findall(m.source))
        for text in m.translations:
            if not text.strip():
                found.append(f"empty translation: {where}")
            elif Counter(_PLACEHOLDER.findall(text)) != wanted:
                found.append(f"placeholders differ in {text!r}: {where}")
            elif accelerators(text) != accelerators(m.source) or accelerators(text) > 1:
                found.append(f"accelerators differ in {text!r}: {where}")
    return found


if __name__ == "__main__":
    left = problems(Path(sys.argv[1]) if len(sys.argv) > 1 else TS)
    for line in left:
        print(line)  # noqa: T201 - the script's output is its purpose
    sys.exit(1 if left else 0)


import pytest  # noqa: E402 - the script above needs only the standard library
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit  # noqa: E402

from newsdesk.core.model import Feed, FeedResult, Outcome  # noqa: E402
from newsdesk.core.rates import (  # noqa: E402
    AmountError,
    RateBook,
    RateError,
    RateTable,
    parse_amount,
)
from newsdesk.core.rates.cbr import parse_cbr_xml  # noqa: E402
from newsdesk.core.rates.ecb import parse_ecb_daily_xml  # noqa: E402
from newsdesk.core.topics import load_taxonomy  # noqa: E402
from newsdesk.ui import i18n  # noqa: E402
from newsdesk.ui.dialogs.failed_feeds import FailedFeedsDialog  # noqa: E402
from newsdesk.ui.i18n import install_translation, uninstall_translation  # noqa: E402
from newsdesk.ui.models.feed_tree import FeedTreeModel  # noqa: E402
from newsdesk.ui.widgets.converter import ConverterWidget  # noqa: E402
from newsdesk.ui.widgets.topic_filter import TopicFilter  # noqa: E402

NBSP = "\u00a0"
MON_EVENING = datetime(2026, 7, 6, 15, 30, tzinfo=UTC)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
#: English words of the core's sentences that must not survive translation.
_ENGLISH = re.compile(r"\b(position|amount|number|rates?|currency|publish|the)\b", re.IGNORECASE)


# -- the catalogue -------------------------------------------------------------------------------


def test_the_catalogue_is_russian_and_nothing_is_left_to_translate():
    language, messages = read_catalogue()
    assert language in ("ru", "ru_RU")
    assert len(messages) > 100
    assert [f"{m.state}: {m.context}: {m.source!r}" for m in messages if m.state] == []
    empty = [m for m in messages if not all(text.strip() for text in m.translations)]
    assert empty == []


def test_translations_keep_placeholders_and_one_accelerator():
    assert problems() == []
    _, messages = read_catalogue()
    # the check itself: it sees the kinds of placeholder the code uses
    seen = Counter(p[0] + p[-1] for m in messages for p in _PLACEHOLDER.findall(m.source))
    assert {"{}", "%n", "%m"} <= set(seen)
    assert any(accelerators(m.source) == 1 for m in messages)


def test_the_problem_list_catches_broken_translations(tmp_path):
    broken = tmp_path / "broken_ru.ts"
    broken.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context><name>C</name>
<message><source>{a} of %1</source><translation>{b} из %1</translation></message>
<message><source>&amp;File</source><translation>Файл</translation></message>
<message><source>Gone</source><translation type="vanished">Нет</translation></message>
<message><source>New</source><translation type="unfinished"></translation></message>
<message numerus="yes"><source>%n feed(s)</source><translation>
<numerusform>%n лента</numerusform><numerusform>%n ленты</numerusform></translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    found = problems(broken)
    assert [line.split(":")[0] for line in found] == [
        "placeholders differ in '{b} из %1'",
        "accelerators differ in 'Файл'",
        "vanished",
        "unfinished",
        "2 plural forms, not 3",
    ]


def test_plural_messages_have_three_russian_forms():
    _, messages = read_catalogue()
    plural = [m for m in messages if m.plural]
    assert len(plural) >= 5
    for m in plural:
        assert len(m.translations) == _RUSSIAN_FORMS, m.source
        assert len(set(m.translations)) >= 1
        assert all("%n" in form for form in m.translations), m.source


def _lrelease() -> Path | None:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = beside if beside.exists() else shutil.which("pyside6-lrelease")
    return Path(found) if found else None


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_shipped_qm_is_built_from_the_ts(tmp_path, language):
    tool = _lrelease()
    if tool is None:
        pytest.skip("pyside6-lrelease is not installed")
    source = TS.with_name(f"newsdesk_{language}.ts")
    built = tmp_path / f"newsdesk_{language}.qm"
    run = subprocess.run(
        [str(tool), "-silent", str(source), "-qm", str(built)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    shipped = source.with_suffix(".qm").read_bytes()
    assert built.read_bytes() == shipped, "run `make translations` and commit the .qm"


# -- the code: what lupdate can read -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Call:
    where: str
    context: str | None  # None when the call cannot be read by lupdate
    source: str | None
    problem: str


def _translation_calls() -> Iterator[_Call]:
    """Every ``x.tr(...)`` and ``Q*Application.translate(...)`` under the scanned folders."""
    for folder in SCANNED:
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            yield from _calls_in(tree, path.relative_to(REPO).as_posix())


def _calls_in(tree: ast.AST, name: str) -> Iterator[_Call]:
    classes: list[tuple[int, int, str]] = [
        (node.lineno, node.end_lineno or node.lineno, node.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    in_fstring = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for sub in ast.walk(node)
    }
    calls = sorted(
        (node for node in ast.walk(tree) if isinstance(node, ast.Call)),
        key=lambda node: (node.lineno, node.col_offset),
    )
    for node in calls:
        if not isinstance(node.func, ast.Attribute):
            continue
        where = f"{name}:{node.lineno}"
        args = node.args
        if node.func.attr == "tr":
            owners = [c for c in classes if c[0] <= node.lineno <= c[1]]
            context = max(owners)[2] if owners else None
            source = _literal(args[0]) if args else None
            problem = ""
            if source is None:
                problem = "tr() needs a literal string"
            elif len(args) > 1 and not (_literal(args[1]) is not None or _is_none(args[1])):
                problem = "the disambiguation must be a literal"
            elif node.keywords:
                problem = "tr() with keywords is not read by lupdate"
            elif context is None:
                problem = "tr() outside a class has no context"
        elif node.func.attr == "translate" and _is_application(node.func.value):
            context = _literal(args[0]) if args else None
            source = _literal(args[1]) if len(args) > 1 else None
            problem = ""
            if context is None or source is None:
                problem = "translate() needs a literal context and string"
            elif len(args) > 3 or node.keywords:
                problem = "lupdate does not see plurals in translate(): use self.tr(text, '', n)"
        else:
            continue
        if id(node) in in_fstring:
            problem = "lupdate skips tr() inside an f-string"
        yield _Call(where, context, source, problem)


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _is_application(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id in (
        "QCoreApplication",
        "QGuiApplication",
        "QApplication",
    )


def test_every_translated_string_is_a_literal_lupdate_can_read():
    calls = list(_translation_calls())
    assert len(calls) > 100
    assert [f"{c.where}: {c.problem}" for c in calls if c.problem] == []


def test_the_static_check_catches_what_lupdate_misses():
    code = """
class W:
    def f(self, n, text):
        self.tr(f"{n} feeds")
        self.tr(text)
        label = f"{self.tr('inside')}"
        QCoreApplication.translate("W", text)
        QCoreApplication.translate("W", "%n item(s)", "", n)
        self.tr("fine {name}").format(name=n)
"""
    found = [c.problem for c in _calls_in(ast.parse(code), "x.py")]
    assert found == [
        "tr() needs a literal string",
        "tr() needs a literal string",
        "lupdate skips tr() inside an f-string",
        "translate() needs a literal context and string",
        "lupdate does not see plurals in translate(): use self.tr(text, '', n)",
        "",
    ]


def test_the_catalogue_matches_the_code():
    in_code = {(c.context, c.source) for c in _translation_calls() if not c.problem and c.source}
    in_catalogue = {(m.context, m.source) for m in read_catalogue()[1]}
    assert sorted(in_code - in_catalogue) == [], "new strings: run `make translations`"
    assert sorted(in_catalogue - in_code) == [], "strings gone from the code: run lupdate"


# -- the running UI in Russian -----------------------------------------------------------------


@pytest.fixture
def russian(qapp) -> Iterator[QLocale]:  # type: ignore[no-untyped-def]
    """The Russian translation installed for one test; English and the old locale after it."""
    before = QLocale()
    try:
        yield install_translation(qapp, "ru")
    finally:
        uninstall_translation(qapp)
        QLocale.setDefault(before)


def _translators(app: QCoreApplication) -> list[QTranslator]:
    return app.findChildren(QTranslator)


def test_russian_sets_the_locale_and_installs_both_translators(qapp, russian):
    assert russian.language() == QLocale.Language.Russian
    assert QLocale().language() == QLocale.Language.Russian
    assert QLocale().toString(1234.5, "f", 2) == f"1{NBSP}234,50"
    assert len(_translators(qapp)) == 2
    # Qt's own strings come from qtbase_ru
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert [b.text() for b in buttons.buttons()] == ["Отмена"]


def test_installing_again_replaces_and_uninstalling_restores_english(qapp):
    before = QLocale()
    try:
        install_translation(qapp, "ru")
        install_translation(qapp, "ru")
        assert len(_translators(qapp)) == 2
        assert QCoreApplication.translate("TopicFilter", "Topics") == "Темы"
        english = install_translation(qapp, "en")
        assert english.language() == QLocale.Language.English
        assert len(_translators(qapp)) == 1  # the English plurals; no qtbase for English
        assert QCoreApplication.translate("TopicFilter", "Topics") == "Topics"
        assert install_translation(qapp, "auto") == QLocale.system()
    finally:
        uninstall_translation(qapp)
        QLocale.setDefault(before)
    assert _translators(qapp) == []


def test_a_missing_catalogue_leaves_english_and_says_so(qapp, monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(i18n, "resource_path", lambda name: tmp_path / name)
    before = QLocale()
    try:
        locale = install_translation(qapp, "ru")
        assert locale.language() == QLocale.Language.Russian
        assert QCoreApplication.translate("TopicFilter", "Topics") == "Topics"
    finally:
        uninstall_translation(qapp)
        QLocale.setDefault(before)
    assert "translation is missing" in caplog.text


def test_the_catalogue_is_found_where_the_resources_are():
    path = i18n.resource_path("translations/newsdesk_ru.qm")
    assert path.is_file() and path.read_bytes() == QM.read_bytes()


def test_the_topic_filter_speaks_russian(qtbot, russian):
    widget = TopicFilter(load_taxonomy(None))  # the language follows the default locale
    qtbot.addWidget(widget)
    widget.set_counts({"sport": 1234, "politics": 1})
    assert widget.accessibleName() == "Темы"
    assert widget.all_checkbox().text() == "Все"
    assert widget.checkbox("sport").text() == f"Спорт (1{NBSP}234)"
    assert widget.checkbox("politics").accessibleDescription() == "1 новость"


def test_plurals_take_the_russian_forms(qapp, russian):
    dialogs = {
        n: FailedFeedsDialog(
            [FeedResult(i, f"https://e.org/{i}", "", Outcome.FAILED, message="x") for i in range(n)]
        )
        for n in (1, 3, 5, 21)
    }
    texts = {n: _intro(d) for n, d in dialogs.items()}
    assert texts[1].startswith("Не удалось обновить 1 ленту.")
    assert texts[3].startswith("Не удалось обновить 3 ленты.")
    assert texts[5].startswith("Не удалось обновить 5 лент.")
    assert texts[21].startswith("Не удалось обновить 21 ленту.")
    for dialog in dialogs.values():
        dialog.deleteLater()


def _intro(dialog: FailedFeedsDialog) -> str:
    return next(label.text() for label in dialog.findChildren(QLabel) if label.wordWrap())


def test_the_failed_feeds_dialog_names_the_reason(qtbot, russian):
    failure = FeedResult(
        7, "https://e.org/rss", "E", Outcome.FAILED, message="timed out", error_code="timeout"
    )
    dialog = FailedFeedsDialog([failure])
    qtbot.addWidget(dialog)
    item = dialog.list.item(0)
    assert item.text().split("\n") == [
        "E",
        "https://e.org/rss",
        "Сервер слишком долго не отвечал.",
        "timed out",
    ]
    assert dialog.retry_button.text() == "Повторить"


def test_the_default_groups_are_named_in_russian(qapp, russian):
    model = FeedTreeModel()
    model.reload(
        [
            Feed(1, "https://e.org/1", "Оренбург", group="Partner news", unread_count=2),
            Feed(2, "https://e.org/2", "ТАСС", group="News", status="error", message="x"),
            Feed(3, "https://e.org/3", "Свои", group="Мои ленты"),
        ]
    )
    news, partner, own = (model.index(row, 0) for row in range(3))
    assert news.data() == "Новости"
    assert partner.data() == "Новости партнёров (2)"
    assert own.data() == "Мои ленты"
    assert partner.data(FeedTreeModel.Role.GROUP) == "Partner news"  # the stored name stays
    assert partner.data(Qt.ItemDataRole.AccessibleTextRole) == "Новости партнёров, 2 непрочитанные"
    tass = model.feed_index(2)
    assert tass.data(Qt.ItemDataRole.AccessibleTextRole) == "ТАСС, 0 непрочитанных, ошибка: x"


# -- the converter in Russian -----------------------------------------------------------------


@pytest.fixture(scope="module")
def ecb(fixtures_dir: Path) -> RateTable:
    return parse_ecb_daily_xml(
        (fixtures_dir / "rates" / "ecb-eurofxref-daily-2026-07-06.xml").read_bytes()
    )


@pytest.fixture(scope="module")
def cbr(fixtures_dir: Path) -> RateTable:
    return parse_cbr_xml(
        (fixtures_dir / "rates" / "cbr-xml-daily-2026-04-25.cp1251.xml").read_bytes()
    )


def _converter(qtbot, book: RateBook) -> ConverterWidget:  # type: ignore[no-untyped-def]
    widget = ConverterWidget(book, clock=lambda: MON_EVENING)  # the locale's decimal point
    qtbot.addWidget(widget)
    return widget


def _type(widget: ConverterWidget, text: str) -> None:
    field = widget.findChild(QLineEdit, "amount")
    assert field is not None
    field.setText(text)


def test_the_converter_writes_and_reads_russian_numbers(qtbot, russian, ecb, cbr):
    book = RateBook([ecb, cbr])
    widget = _converter(qtbot, book)
    widget.set_pair("USD", "RUB")
    _type(widget, "1 234,5")
    result = book.convert(Decimal("1234.5"), "USD", "RUB").result
    whole, cents = f"{result:,.2f}".replace(",", NBSP).split(".")
    assert widget.error_text() == ""
    assert widget.result_text() == f"1{NBSP}234,50 USD = {whole},{cents} RUB"
    assert widget.rate_text() == "1 USD = 75,5273 RUB"
    assert widget.source_text() == "Банк России, курсы на 25 апреля 2026"
    field = widget.findChild(QLineEdit, "amount")
    assert field is not None and field.placeholderText() == "например, 100 или 12,5*4"
    _type(widget, "1234,5")  # without grouping, and the comma is the decimal point
    assert widget.result_text().startswith(f"1{NBSP}234,50 USD = ")


#: One typo per sentence of ``parse_amount`` (all but "Enter an amount.", which an empty field
#: never shows).
TYPOS = [
    "1" * 201,
    "12abc",
    "1<2",
    "1,234.5.6",
    "1 234e5",
    "1.2 3",
    "12,34,567",
    "1e16",
    "0.1234567890123",
    "5)",
    "1/0",
    "(" * 25 + "1" + ")" * 25,
    "(1",
    "1+",
    "1e15*10",
]


def test_every_typo_is_a_different_sentence():
    reasons = set()
    for typo in TYPOS:
        with pytest.raises(AmountError) as caught:
            parse_amount(typo, ".")
        reasons.add(re.sub(r"“.*”|\d+", "#", str(caught.value)))
    assert len(reasons) == len(TYPOS)


@pytest.mark.parametrize("typo", TYPOS)
def test_a_typo_is_explained_in_english_as_the_core_says_it(qtbot, ecb, typo):
    widget = ConverterWidget(RateBook([ecb]), locale_decimal=".", clock=lambda: MON_EVENING)
    qtbot.addWidget(widget)
    _type(widget, typo)
    with pytest.raises(AmountError) as caught:
        parse_amount(typo, ".")
    assert widget.error_text() == str(caught.value)


@pytest.mark.parametrize("typo", TYPOS)
def test_a_typo_is_explained_in_russian(qtbot, russian, ecb, typo):
    widget = ConverterWidget(RateBook([ecb]), locale_decimal=".", clock=lambda: MON_EVENING)
    qtbot.addWidget(widget)
    _type(widget, typo)
    with pytest.raises(AmountError) as caught:
        parse_amount(typo, ".")
    shown = widget.error_text()
    assert _CYRILLIC.search(shown), shown
    assert not _ENGLISH.search(shown), shown
    if caught.value.position is not None and "position" in str(caught.value):
        assert str(caught.value.position + 1) in shown


def test_a_typo_in_russian_names_the_character_and_position(qtbot, russian, ecb):
    widget = _converter(qtbot, RateBook([ecb]))
    _type(widget, "12abc")
    assert widget.error_text() == "В сумме не может быть букв («a» в позиции 3)."


def _tables() -> dict[str, RateTable]:
    day = date(2026, 7, 6)
    return {
        "open_er_api": RateTable("open_er_api", day, "EUR", {"USD": Decimal("1.1")}),
        "ecb_usd": RateTable("ecb", day, "EUR", {"USD": Decimal("1.1")}),
        "cbr_jpy": RateTable("cbr", day, "RUB", {"JPY": Decimal("0.5")}),
    }


#: (tables, pair, what the Russian reason says)
IMPOSSIBLE = [
    ((), ("USD", "EUR"), "Курсов валют пока нет; обновите их, когда появится сеть."),
    (("ecb",), ("USD", "RUB"), "ЕЦБ: курса RUB нет; добавьте Банк России (cbr) в источники"),
    (("ecb", "cbr"), ("USD", "AFN"), "ЕЦБ и Банк России: курса AFN нет; он может быть у"),
    (("ecb", "open_er_api"), ("USD", "AFN"), "Ни в одной из загруженных таблиц курсов (ЕЦБ и"),
    (("ecb",), ("USD", "QQQ"), "QQQ — неизвестный код валюты."),
    (("ecb",), ("USD", "12"), "«12» — не код валюты (нужны три буквы, например USD)."),
    (("ecb_usd", "cbr_jpy"), ("USD", "JPY"), "USD→JPY не пересчитать: у таблиц с этими"),
]


def _book(names: tuple[str, ...], ecb: RateTable, cbr: RateTable) -> RateBook:
    tables = _tables() | {"ecb": ecb, "cbr": cbr}
    return RateBook([tables[name] for name in names])


@pytest.mark.parametrize(("tables", "pair", "russian_text"), IMPOSSIBLE)
def test_an_impossible_pair_is_explained_in_english_as_the_core_says_it(
    qtbot, ecb, cbr, tables, pair, russian_text
):
    book = _book(tables, ecb, cbr)
    widget = _converter(qtbot, book)
    widget.set_pair(*pair)
    with pytest.raises(RateError) as caught:
        book.convert(Decimal(1), *pair)
    assert widget.error_text() == str(caught.value)


@pytest.mark.parametrize(("tables", "pair", "russian_text"), IMPOSSIBLE)
def test_an_impossible_pair_is_explained_in_russian(
    qtbot, russian, ecb, cbr, tables, pair, russian_text
):
    widget = _converter(qtbot, _book(tables, ecb, cbr))
    widget.set_pair(*pair)
    assert widget.error_text().startswith(russian_text)
    assert not _ENGLISH.search(widget.error_text()), widget.error_text()


EN_TS = TS.with_name("newsdesk_en.ts")


def test_english_says_one_feed_and_three_feeds_not_feed_s(qapp):
    before = QLocale()
    try:
        install_translation(qapp, "en")
        one = QCoreApplication.translate("MainWindow", "%n feed(s) failed", "", 1)
        three = QCoreApplication.translate("MainWindow", "%n feed(s) failed", "", 3)
    finally:
        uninstall_translation(qapp)
        QLocale.setDefault(before)
    assert (one, three) == ("1 feed failed", "3 feeds failed")


def test_the_english_catalogue_has_every_plural_of_the_code_and_nothing_else():
    import xml.etree.ElementTree as ET

    root = ET.parse(EN_TS).getroot()
    messages = {
        (context.findtext("name"), m.findtext("source")): m
        for context in root.iter("context")
        for m in context.iter("message")
    }
    assert all(m.get("numerus") == "yes" for m in messages.values())
    plurals_in_code = {
        (c.context, c.source) for c in _translation_calls() if c.source and "%n" in c.source
    }
    assert plurals_in_code and plurals_in_code <= set(messages), "run `make translations`"
    for message in messages.values():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None
        forms = [f.text for f in translation.iter("numerusform")]
        assert len(forms) == 2 and all(forms) and not any("(s)" in f for f in forms), forms
