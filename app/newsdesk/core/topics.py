"""Assign each article to the topics of a news-agency front page ("Politics", "Sport", ...).

Why rules rather than a model: the reader must be able to see and edit why an article landed in
a topic, it has to work offline on Russian and English alike, and classifying a whole refresh
must cost milliseconds. The taxonomy is data (``resources/topics.json``, or the user's own file
at :attr:`newsdesk.core.paths.Paths.topics_file`), and three kinds of evidence assign a topic,
strongest first:

1. the topic the user gave the feed (a code, or a name in any language);
2. the feed's own categories, matched whole and by segment (``"world/ukraine"`` gives
   ``"world"`` and ``"ukraine"``; ``"/r/worldnews"`` gives ``"r"`` and ``"worldnews"``);
3. keywords in the title (weight 2) and the start of the text (weight 1), each distinct match
   counted once; a topic needs :data:`KEYWORD_THRESHOLD` and at least :data:`RELATIVE_FLOOR` of
   the best keyword topic's score, because a wrong topic is worse than none.

Keyword syntax (case-insensitive; ``е`` and ``ё`` are the same letter):

* ``санкц`` — a word prefix, for inflected languages: санкции, санкций, санкциями;
* ``war$`` — a whole word only (not "warm", not "war-torn"): the ``$`` ends the word;
* ``ключев* ставк`` — ``*`` stands for the rest of a word, a space for spaces or a hyphen.

A keyword starts with a letter or digit, holds ``$`` only as its last character, and does not
end in both ``*`` and ``$``; :func:`check_keyword` says what is wrong with one that breaks these
rules. A topic the user turned off (``"enabled": false``) stays in the file but is never
assigned.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newsdesk.core.model import Topic
from newsdesk.core.resources import resource_path

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SHIPPED_FILE = "topics.json"

KEYWORD_THRESHOLD = 2  # one title hit, or two different text hits
TITLE_WEIGHT = 2
TEXT_WEIGHT = 1
TEXT_LIMIT = 2000  # characters of the article text that are searched for keywords
RELATIVE_FLOOR = 0.5  # a keyword topic must reach half of the best keyword topic's score
MAX_TOPICS = 3

# Ranks: the feed's topic beats categories, which beat any keyword score.
_FEED_RANK = 1_000_000
_CATEGORY_RANK = 1_000

_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_MAX_TOPICS_IN_FILE = 200
_MAX_ENTRY_LENGTH = 200
MAX_KEYWORD_LENGTH = _MAX_ENTRY_LENGTH
_MAX_CODE_LENGTH = 40
_CATEGORY_SPLIT = re.compile(r"[/,>|]")
_SPACES = re.compile(r"[\s_\-]+")


class Taxonomy:
    """A list of topics with its compiled rules.

    Attributes:
        topics: The topics, in the order the UI lists them.
        warning: Set when the user's file could not be used and the default stands in.
    """

    __slots__ = (
        "_by_category",
        "_by_name",
        "_codes",
        "_disabled",
        "_matcher",
        "topics",
        "warning",
    )

    def __init__(self, topics: Iterable[Topic], warning: str | None = None) -> None:
        """Compile the rules of ``topics``.

        Raises:
            ValueError: two topics share a code.
        """
        self.topics: tuple[Topic, ...] = tuple(topics)
        self.warning = warning
        self._codes = tuple(t.code for t in self.topics)
        if len(set(self._codes)) != len(self._codes):
            raise ValueError("two topics have the same code")
        self._disabled = frozenset(i for i, t in enumerate(self.topics) if not t.enabled)
        self._matcher = _Matcher([t.keywords if t.enabled else () for t in self.topics])
        self._by_category: dict[str, tuple[int, ...]] = {}
        for index, topic in enumerate(self.topics):
            for alias in topic.categories:
                key = _normalise(alias)
                if key and index not in self._by_category.get(key, ()):
                    self._by_category[key] = (*self._by_category.get(key, ()), index)
        self._by_name: dict[str, int] = {}
        for index, topic in enumerate(self.topics):
            for name in (topic.code, *topic.names.values()):
                self._by_name.setdefault(_normalise(name), index)

    def __repr__(self) -> str:
        """The codes, for logs and test failures."""
        return f"Taxonomy({', '.join(self._codes)})"

    def codes(self) -> tuple[str, ...]:
        """The topic codes, in taxonomy order."""
        return self._codes

    def enabled_topics(self) -> tuple[Topic, ...]:
        """The topics that may be assigned (what the topic filter offers), in taxonomy order."""
        return tuple(t for t in self.topics if t.enabled)

    def get(self, code: str) -> Topic | None:
        """The topic with ``code``, or ``None``."""
        try:
            return self.topics[self._codes.index(code)]
        except ValueError:
            return None

    def lookup(self, name: str) -> Topic | None:
        """The topic a user-typed ``name`` means: a code, a name in any language, or a category.

        Case, spaces and hyphens do not matter; ``None`` when nothing matches.
        """
        key = _normalise(name)
        index = self._by_name.get(key)
        if index is None:
            found = self._by_category.get(key, ())
            index = found[0] if found else None
        return None if index is None else self.topics[index]

    def classify(
        self, title: str, text: str, categories: Sequence[str] = (), feed_topic: str = ""
    ) -> tuple[str, ...]:
        """The topics of one article, as codes in taxonomy order (at most :data:`MAX_TOPICS`).

        Args:
            title: The article's title, as plain text.
            text: The article's plain text; only the first :data:`TEXT_LIMIT` characters count.
            categories: The feed's category strings for the article, as written.
            feed_topic: The topic the user gave the whole feed (code or name), or "".

        Returns:
            The strongest topics: the feed's topic first, then category matches, then keywords.
            A disabled topic is never among them.
        """
        rank: dict[int, int] = {}
        if feed_topic:
            topic = self.lookup(feed_topic)
            if topic is not None and topic.enabled:
                rank[self._codes.index(topic.code)] = _FEED_RANK
        for raw in categories:
            for key in _category_keys(raw):
                for index in self._by_category.get(key, ()):
                    if index not in self._disabled:
                        rank.setdefault(index, _CATEGORY_RANK)
        scores = self.keyword_scores(title, text)
        floor = max(KEYWORD_THRESHOLD, max(scores, default=0) * RELATIVE_FLOOR)
        for index, score in enumerate(scores):
            if index in rank:
                rank[index] += score  # orders the category topics among themselves
            elif score >= floor:
                rank[index] = score
        strongest = sorted(rank, key=lambda i: (-rank[i], i))[:MAX_TOPICS]
        return tuple(self._codes[i] for i in sorted(strongest))

    def keyword_scores(self, title: str, text: str) -> tuple[int, ...]:
        """Each topic's keyword score for one article, in taxonomy order (for tuning and tests).

        Each distinct matched word counts once in the title and once in the text; a disabled
        topic scores 0.
        """
        scores = [0] * len(self.topics)
        for source, weight in ((title, TITLE_WEIGHT), (text[:TEXT_LIMIT], TEXT_WEIGHT)):
            for index in self._matcher.hits(source):
                scores[index] += weight
        return tuple(scores)


def load_taxonomy(user_file: Path | None = None) -> Taxonomy:
    """The user's taxonomy if ``user_file`` exists and is valid, else the shipped default.

    A user file that cannot be read or is invalid never raises: the default is used and
    :attr:`Taxonomy.warning` says why. The file is left alone so that the user can fix it.

    Raises:
        OSError: the shipped file is missing (a packaging bug).
        ValueError: the shipped file is invalid (a bug).
    """
    warning = None
    if user_file is not None:
        try:
            return Taxonomy(taxonomy_from_json(user_file.read_bytes()))
        except FileNotFoundError:
            pass
        except OSError as exc:
            warning = (
                f"Cannot read the topics file {user_file}: {exc.strerror}. "
                "The default topics are used."
            )
        except ValueError as exc:  # UnicodeDecodeError and json's errors are ValueErrors
            warning = (
                f"The topics file {user_file} is invalid ({exc}). The default topics are used."
            )
        if warning:
            log.warning("%s", warning)
    shipped = resource_path(SHIPPED_FILE).read_bytes()
    return Taxonomy(taxonomy_from_json(shipped), warning)


def taxonomy_from_json(data: bytes | str) -> tuple[Topic, ...]:
    """Parse and validate a taxonomy document.

    Raises:
        ValueError: the document is not valid JSON, or a field is wrong; the message names it.
    """
    if isinstance(data, bytes):
        data = data.decode("utf-8-sig")
    document = json.loads(data, parse_constant=_reject_constant)
    if not isinstance(document, dict):
        raise ValueError("the top level is not an object")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("the version field is not a positive number")
    if version > SCHEMA_VERSION:
        raise ValueError(f"version {version} was written by a newer Newsdesk")
    raw_topics = document.get("topics")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise ValueError("the topics field is not a non-empty list")
    if len(raw_topics) > _MAX_TOPICS_IN_FILE:
        raise ValueError(f"more than {_MAX_TOPICS_IN_FILE} topics")
    topics: list[Topic] = []
    for number, raw in enumerate(raw_topics, start=1):
        topic = _topic_from_dict(raw, number)
        if any(t.code == topic.code for t in topics):
            raise ValueError(f'topic {number}: the code "{topic.code}" is used twice')
        topics.append(topic)
    return tuple(topics)


def taxonomy_to_json(taxonomy: Taxonomy | Sequence[Topic]) -> str:
    """A versioned JSON document that :func:`load_taxonomy` reads back to the same topics.

    Lists are wrapped at 100 columns so that the file stays editable by hand.
    """
    topics = taxonomy.topics if isinstance(taxonomy, Taxonomy) else tuple(taxonomy)
    blocks = []
    for topic in topics:
        fields = [
            f'      "code": {_dump(topic.code)}',
            f'      "names": {json.dumps(dict(topic.names), ensure_ascii=False)}',
            f'      "categories": {_wrapped(topic.categories, "      ")}',
            f'      "keywords": {_wrapped(topic.keywords, "      ")}',
        ]
        if not topic.enabled:
            fields.append('      "enabled": false')
        blocks.append("    {\n" + ",\n".join(fields) + "\n    }")
    body = ",\n".join(blocks)
    return f'{{\n  "version": {SCHEMA_VERSION},\n  "topics": [\n{body}\n  ]\n}}\n'


def _topic_from_dict(raw: Any, number: int) -> Topic:
    if not isinstance(raw, dict):
        raise ValueError(f"topic {number} is not an object")
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise ValueError(f"topic {number}: the code must be lowercase ASCII letters and digits")
    where = f'topic {number} ("{code}")'
    names = raw.get("names", {})
    if not isinstance(names, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in names.items()
    ):
        raise ValueError(f"{where}: names must map languages to non-empty text")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ValueError(f"{where}: enabled must be true or false")
    return Topic(
        code=code,
        names={k: v.strip() for k, v in names.items()},
        categories=_strings(raw.get("categories", []), f"{where}: categories"),
        keywords=_strings(raw.get("keywords", []), f"{where}: keywords"),
        enabled=enabled,
    )


def check_keyword(keyword: str) -> str | None:
    """Why ``keyword`` is not a valid rule (one sentence for the user), or None if it is.

    The rules are those of the module docstring: a keyword starts with a letter or digit, holds
    ``$`` only at its end, does not end in both ``*`` and ``$``, and is at most
    :data:`MAX_KEYWORD_LENGTH` characters long.
    """
    text = keyword.strip()
    if not text:
        return "The keyword is empty."
    if len(text) > MAX_KEYWORD_LENGTH:
        return f"The keyword is longer than {MAX_KEYWORD_LENGTH} characters."
    if not any(c.isalnum() for c in text):
        return "The keyword has no letter or digit."
    if not (text[0].isalnum() or text[0] == "_"):
        return f"The keyword must start with a letter or digit, not {text[0]!r}."
    if "$" in text[:-1]:
        return "A $ may only stand at the end of a keyword (it marks the end of a word)."
    if text.endswith("$") and text[:-1].rstrip().endswith("*"):
        return "A keyword cannot end in both * (any ending) and $ (no ending)."
    return None


def check_taxonomy(topics: Sequence[Topic]) -> None:
    """Check topics the user edited before they are saved.

    Raises:
        ValueError: the first problem, naming the topic (and keyword) concerned.
    """
    if not topics:
        raise ValueError("There must be at least one topic.")
    if len(topics) > _MAX_TOPICS_IN_FILE:
        raise ValueError(f"There may be at most {_MAX_TOPICS_IN_FILE} topics.")
    seen: set[str] = set()
    for number, topic in enumerate(topics, start=1):
        label = topic.name()
        if not _CODE.fullmatch(topic.code):
            raise ValueError(
                f'Topic {number} ("{label}"): the code must be lowercase ASCII letters, digits, '
                f'"-" or "_", at most {_MAX_CODE_LENGTH} characters.'
            )
        if topic.code in seen:
            raise ValueError(f'Topic {number} ("{label}"): the code "{topic.code}" is used twice.')
        seen.add(topic.code)
        if not any(name.strip() for name in topic.names.values()):
            raise ValueError(f'Topic {number} ("{topic.code}") has no name.')
        for keyword in topic.keywords:
            reason = check_keyword(keyword)
            if reason is not None:
                raise ValueError(f'Topic "{label}", keyword "{keyword.strip()}": {reason}')
        for category in topic.categories:
            if not category.strip() or len(category) > _MAX_ENTRY_LENGTH:
                raise ValueError(
                    f'Topic "{label}": a category must be non-empty text of at most '
                    f"{_MAX_ENTRY_LENGTH} characters."
                )
    # The document as written must read back (names, lengths): the same check as loading it.
    taxonomy_from_json(taxonomy_to_json(topics))


def new_code(name: str, existing: Iterable[str]) -> str:
    """A valid code, not in ``existing``, made from a topic name the user typed.

    Latin letters lose their accents and Cyrillic is transliterated ("Экономика" gives
    "ekonomika"); a name with neither gives "topic-1", "topic-2", … A taken code gets "-2", "-3",
    … appended.
    """
    taken = set(existing)
    base = _slug(name)
    if not base:
        return next(f"topic-{n}" for n in itertools.count(1) if f"topic-{n}" not in taken)
    if base not in taken:
        return base
    for n in itertools.count(2):
        suffix = f"-{n}"
        candidate = base[: _MAX_CODE_LENGTH - len(suffix)].rstrip("-_") + suffix
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")  # itertools.count never ends


# Russian, Ukrainian and Belarusian letters in a plain ASCII transliteration (the hard and soft
# signs vanish).
_CYRILLIC = {
    letter: "" if latin == "'" else latin
    for letter, latin in zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґў",
        (
            "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch ' y ' e yu ya "
            "i ye yi g w"
        ).split(),
        strict=True,
    )
}


def _slug(name: str) -> str:
    letters = []
    for char in name.casefold():
        if char in _CYRILLIC:
            letters.append(_CYRILLIC[char])
            continue
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        letters.append(plain if plain.isalnum() else "-")
    slug = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", "".join(letters))).strip("-")
    return slug[:_MAX_CODE_LENGTH].rstrip("-")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a list of text")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip() or len(item) > _MAX_ENTRY_LENGTH:
            raise ValueError(f"{where} must be a list of non-empty text (found {item!r})")
        if item.strip() not in out:
            out.append(item.strip())
    return tuple(out)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a valid value")


class _Node:
    __slots__ = ("children", "topics")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.topics: set[int] = set()  # the topics of the keywords that end here


class _Matcher:
    """The keywords of every topic as one regex shaped like a trie.

    Why not one alternation per topic: a regex is scanned position by position, so nine topics
    cost nine scans, and a flat alternation tries every keyword at every word start. A trie
    tries one branch per letter, in one scan (measured: 10 000 articles in a fifth of the time).
    Where a keyword ends, an empty named group marks it, and ``Match.lastgroup`` names the
    keyword matched. The longest keyword wins: "ракеты-носителя" counts for ``ракет* носител``
    (science), not also for ``ракет`` (military). Text and keywords are folded (:func:`_fold`)
    instead of using ``re.IGNORECASE``, which slows every comparison.
    """

    __slots__ = ("_pattern", "_topics_of")

    def __init__(self, keyword_lists: Sequence[Sequence[str]]) -> None:
        root = _Node()
        for index, keywords in enumerate(keyword_lists):
            for keyword in keywords:
                atoms = _keyword_atoms(keyword)
                if not atoms:
                    continue
                node = root
                for atom in atoms:
                    node = node.children.setdefault(atom, _Node())
                node.topics.add(index)
        self._topics_of: dict[str, tuple[int, ...]] = {}
        body = self._emit(root)
        self._pattern = re.compile(rf"\b{body}") if body else None

    def hits(self, text: str) -> list[int]:
        """A topic index per distinct (topic, matched word) in ``text``."""
        if self._pattern is None or not text:
            return []
        seen: set[tuple[int, str]] = set()
        for match in self._pattern.finditer(_fold(text)):
            word = match.group()
            for index in self._topics_of.get(match.lastgroup or "", ()):
                seen.add((index, word))
        return [index for index, _ in seen]

    def _emit(self, node: _Node) -> str:
        mark = ""
        if node.topics:
            name = f"k{len(self._topics_of)}"
            self._topics_of[name] = tuple(sorted(node.topics))
            mark = f"(?P<{name}>)"
        branches = [atom + self._emit(child) for atom, child in node.children.items()]
        if not branches:
            return mark
        if len(branches) == 1 and not mark:
            return branches[0]
        # The longest alternative first, and the optional group is greedy: the longest keyword
        # wins where several match.
        branches.sort(key=lambda b: (-len(b), b))
        choice = f"(?:{'|'.join(branches)})"
        return f"{mark}{choice}?" if mark else choice


def _keyword_atoms(keyword: str) -> list[str]:
    r"""The regex pieces of one keyword: escaped letters, ``\w*``, a gap, a word end."""
    text = " ".join(_fold(keyword).split()).lstrip("*$ ")
    while text and not (text[0].isalnum() or text[0] == "_"):
        text = text[1:]  # a pattern starts at a word start (``\b``), so at a letter or digit
    whole_word = text.endswith("$")
    text = text.rstrip("$* ") if whole_word else text.rstrip("* ")
    if not text:
        return []
    atoms = [r"\w*" if c == "*" else r"[\s\-]+" if c == " " else re.escape(c) for c in text]
    if whole_word:
        atoms.append(r"(?![\w\-])")
    return atoms


def _fold(text: str) -> str:
    """Lowercase, with ``ё`` as ``е`` (Russian print mostly drops the diaeresis)."""
    return text.lower().replace("ё", "е")


def _normalise(text: str) -> str:
    """Casefold, ``ё`` as ``е``, and any run of spaces, hyphens or underscores as one space."""
    return _SPACES.sub(" ", text.casefold().replace("ё", "е")).strip()


def _category_keys(raw: str) -> set[str]:
    """A category string whole and as its segments: ``"News > World/Europe"`` gives four keys."""
    whole = _normalise(raw)
    keys = {whole} if whole else set()
    for segment in _CATEGORY_SPLIT.split(raw):
        key = _normalise(segment)
        if key:
            keys.add(key)
    return keys


def _dump(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _wrapped(items: Sequence[str], indent: str, width: int = 100) -> str:
    if not items:
        return "[]"
    inner = indent + "  "
    lines: list[str] = []
    line = inner
    for item in items:
        piece = _dump(item) + ","
        if line != inner and len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = inner
        line = line + piece if line == inner else f"{line} {piece}"
    lines.append(line)
    return "[\n" + "\n".join(lines)[:-1] + f"\n{indent}]"
