"""Synthetic but realistic news: feeds (RSS 2.0 and Atom) and stored-article batches.

Everything is deterministic for a seed, so every client of a run (Newsdesk, newsboat, the plain
loop) sees the same bytes, and two runs of the bench see the same corpus.

Words follow a Zipf law over a vocabulary of real news words (so the topic classifier and
two-word searches behave as on real text) plus a long tail of made-up words (so posting lists
have a realistic spread of sizes). Descriptions are 1–2 KB of HTML: paragraphs, links,
emphasis, sometimes an image or a list.
"""

from __future__ import annotations

import bisect
import email.utils
import hashlib
import itertools
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

FUNCTION_WORDS = """
the of and to in a for on that with as by at from is was said will has have are after over
""".split()
GENERAL_WORDS = """
report officials statement spokesman agency week month year today yesterday tomorrow morning
evening night new first last second third million billion thousand percent people country world
national international global local says told announced expected reported confirmed denied
warned plans agreed rejected signed city region province capital village residents mayor
governor company chief executive data plan state public group service system program issue
""".split()
# Each article has a theme: some of its words come from the theme's list, and its categories
# usually match it, as on a real front page.
THEMES: dict[str, tuple[list[str], list[str]]] = {
    "politics": (
        "government minister president election vote parliament party leader ballot "
        "opposition coalition campaign senator",
        "Politics",
    ),
    "world": (
        "summit talks sanctions embassy ambassador diplomat foreign ministry treaty "
        "delegation visit negotiations",
        "World",
    ),
    "economy": (
        "economy inflation bank rates market stocks prices oil gas exports budget growth "
        "trade tariffs dollar euro rouble yuan investors shares bonds profit revenue",
        "Economy",
    ),
    "military": (
        "military troops missile army navy defence border attack ceasefire drone strike security",
        "Military",
    ),
    "sport": (
        "football match league cup season coach goal player championship tennis hockey "
        "olympic team",
        "Sport",
    ),
    "health": (
        "hospital health doctors patients vaccine virus disease treatment medical",
        "Health",
    ),
    "science": (
        "research scientists space rocket launch satellite climate software technology "
        "internet chips artificial intelligence",
        "Science",
    ),
    "emergencies": (
        "police court trial judge prison arrested investigation fire explosion crash "
        "rescue storm flood wildfire earthquake",
        "Incidents",
    ),
    "society": (
        "school university students teachers education culture film festival museum music artist",
        "Culture",
    ),
}  # type: ignore[assignment]
THEMES = {k: (v[0].split(), v[1]) for k, v in THEMES.items()}  # type: ignore[attr-defined]
NEWS_WORDS = FUNCTION_WORDS + GENERAL_WORDS + [w for ws, _c in THEMES.values() for w in ws]

# Made-up words from ~1 500 syllables (onset, vowel, optional coda): prefixes are shared about
# as often as in English, so prefix search ("bank" → banks, banking) expands realistically.
_SYLLABLES = [
    onset + vowel + coda
    for onset in "b c d f g h j k l m n p r s t v w z br cl dr fr gr pl st tr".split()
    for vowel in "a e i o u ai ea ou".split()
    for coda in ("", "n", "r", "s", "t", "l", "m", "nd")
]
_TAIL = 20_000  # made-up words after the real ones
_FIRST = "Anna Boris Chen Dmitri Elena Farid Grace Hugo Irina James Kofi Lena Marta Nikolai".split()
_LAST = "Ivanova Smith Garcia Petrov Kim Okafor Novak Rossi Tanaka Weber Silva Haddad Berg".split()
_CATEGORIES = [
    ["World"],
    ["World", "Europe"],
    ["Politics"],
    ["Business"],
    ["Economy", "Markets"],
    ["Sport", "Football"],
    ["Science"],
    ["Technology"],
    ["Health"],
    ["Incidents"],
    ["Society", "Culture"],
    ["Military"],
    ["Russia"],
    ["Asia"],
]


def _made_up(i: int) -> str:
    rnd = random.Random(i)
    return "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.choice((1, 2, 2, 2, 3, 3))))


class Vocabulary:
    """Zipf-distributed word source (s ≈ 1.05), real news words first."""

    def __init__(self, tail: int = _TAIL) -> None:
        made = [_made_up(i) for i in range(tail)]
        seen = set(NEWS_WORDS)
        tail_words = [w for w in dict.fromkeys(made) if w not in seen]
        # Function words lead; the general words are spread among the first made-up ones.
        general = list(GENERAL_WORDS)
        self.words = list(FUNCTION_WORDS)
        for i, word in enumerate(tail_words):
            if general and i % 3 == 0:
                self.words.append(general.pop(0))
            self.words.append(word)
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self._cum = list(itertools.accumulate(weights))
        self._total = self._cum[-1]

    def sample(self, rnd: random.Random, n: int) -> list[str]:
        """``n`` words drawn by frequency."""
        cum, total, words = self._cum, self._total, self.words
        return [words[bisect.bisect_left(cum, rnd.random() * total)] for _ in range(n)]

    def content(self, rnd: random.Random, n: int) -> list[str]:
        """``n`` words without the 12 most common function words (for titles)."""
        out: list[str] = []
        while len(out) < n:
            out.extend(w for w in self.sample(rnd, n) if w not in _FUNCTION)
        return out[:n]


_FUNCTION = frozenset(FUNCTION_WORDS)
_THEME_CODES = sorted(THEMES)


@dataclass(frozen=True, slots=True)
class Item:
    """One synthetic article."""

    guid: str
    title: str
    link: str
    author: str
    published: datetime
    categories: tuple[str, ...]
    html: str
    text: str


THEME_SHARE = 0.08  # of an article's words come from its theme


def _themed(words: list[str], theme: list[str], rnd: random.Random, share: float) -> list[str]:
    return [rnd.choice(theme) if rnd.random() < share else w for w in words]


def _sentence(vocab: Vocabulary, rnd: random.Random, theme: list[str]) -> str:
    words = _themed(vocab.sample(rnd, rnd.randint(8, 18)), theme, rnd, THEME_SHARE)
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _html_body(
    vocab: Vocabulary, rnd: random.Random, link: str, theme: list[str]
) -> tuple[str, str]:
    """HTML of about 1000–2000 bytes (whole paragraphs) and its plain text."""
    target = rnd.randint(1000, 2000)
    html_parts: list[str] = []
    text_parts: list[str] = []
    size = 0
    if rnd.random() < 0.3:
        img = f'<p><img src="{link}.jpg" alt="photo" width="640" height="360"></p>'
        html_parts.append(img)
        size += len(img)
    for _ in range(40):  # bounded; ends long before
        sentences = [_sentence(vocab, rnd, theme) for _ in range(rnd.randint(1, 3))]
        text = " ".join(sentences)
        shown = escape(text)
        roll = rnd.random()
        if roll < 0.3:
            head, _, rest = shown.partition(" ")
            word, _, rest = rest.partition(" ")
            shown = f'{head} <a href="{link}?ref={len(html_parts)}">{word}</a> {rest}'
        elif roll < 0.45:
            shown = f"<strong>{shown}</strong>"
        elif roll < 0.55:
            shown = f"<em>{shown}</em>"
        part = f"<p>{shown}</p>"
        if rnd.random() < 0.08:
            part += "<ul>" + "".join(
                f"<li>{escape(_sentence(vocab, rnd, theme))}</li>" for _ in range(2)
            )
            part += "</ul>"
        if size >= 1000 and size + len(part) > target:
            break
        html_parts.append(part)
        text_parts.append(text)
        size += len(part) + 1
    return "\n".join(html_parts), " ".join(text_parts)


def items_for(
    feed_no: int,
    count: int,
    now: datetime,
    vocab: Vocabulary,
    span_days: float = 10.0,
    start: int = 0,
    total: int | None = None,
) -> list[Item]:
    """Items ``start`` … ``start + count - 1`` of feed ``feed_no`` (item 0 is the newest); the
    feed's ``total`` items are spread over ``span_days`` before ``now``. Each item has its own
    seed, so any slice is the same whatever else was generated."""
    total = total or count
    step = span_days * 86400 / max(1, total)
    out = []
    for i in range(start, start + count):
        rnd = random.Random(1_000_003 * feed_no + 7919 * i + 17)
        link = f"https://site{feed_no}.example/news/{feed_no}-{i}"
        theme_code = _THEME_CODES[rnd.randrange(len(_THEME_CODES))]
        theme, category = THEMES[theme_code]
        title_words = _themed(vocab.content(rnd, rnd.randint(6, 11)), theme, rnd, 0.2)
        title = " ".join(title_words).capitalize()
        html, text = _html_body(vocab, rnd, link, theme)
        if rnd.random() < 0.75:
            categories: tuple[str, ...] = (category, *rnd.choice(_CATEGORIES)[1:])
        else:
            categories = tuple(rnd.choice(_CATEGORIES))
        published = now - timedelta(seconds=i * step + rnd.random() * step)
        out.append(
            Item(
                guid=f"urn:bench:{feed_no}:{i}",
                title=title,
                link=link,
                author=f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}",
                published=published.replace(microsecond=0),
                categories=categories,
                html=html,
                text=text,
            )
        )
    return out


def rss(feed_no: int, items: list[Item], self_url: str) -> bytes:
    """An RSS 2.0 document (with dc:creator and several categories per item)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>Bench Site {feed_no}</title>\n<link>https://site{feed_no}.example/</link>\n"
        f'<atom:link href="{escape(self_url)}" rel="self" type="application/rss+xml"/>\n'
        f"<description>Synthetic news from site {feed_no}</description>\n"
        "<language>en</language>\n"
    ]
    if items:
        out.append(f"<lastBuildDate>{_rfc822(items[0].published)}</lastBuildDate>\n")
    for it in items:
        cats = "".join(f"<category>{escape(c)}</category>" for c in it.categories)
        out.append(
            f"<item>\n<title>{escape(it.title)}</title>\n<link>{it.link}</link>\n"
            f'<guid isPermaLink="false">{it.guid}</guid>\n'
            f"<pubDate>{_rfc822(it.published)}</pubDate>\n"
            f"<dc:creator>{escape(it.author)}</dc:creator>\n{cats}\n"
            f"<description><![CDATA[{it.html}]]></description>\n</item>\n"
        )
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode()


def atom(feed_no: int, items: list[Item], self_url: str) -> bytes:
    """An Atom 1.0 document with HTML content."""
    updated = items[0].published if items else datetime(2020, 1, 1, tzinfo=UTC)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>Bench Site {feed_no}</title>\n"
        f'<link href="https://site{feed_no}.example/"/>\n'
        f'<link rel="self" href="{escape(self_url)}"/>\n'
        f"<id>urn:bench:feed:{feed_no}</id>\n<updated>{updated.isoformat()}</updated>\n"
    ]
    for it in items:
        cats = "".join(f'<category term="{escape(c)}"/>' for c in it.categories)
        out.append(
            f"<entry>\n<title>{escape(it.title)}</title>\n"
            f'<link rel="alternate" href="{it.link}"/>\n<id>{it.guid}</id>\n'
            f"<published>{it.published.isoformat()}</published>\n"
            f"<updated>{it.published.isoformat()}</updated>\n"
            f"<author><name>{escape(it.author)}</name></author>\n{cats}\n"
            f'<content type="html">{escape(it.html)}</content>\n</entry>\n'
        )
    out.append("</feed>\n")
    return "".join(out).encode()


def feed_document(
    feed_no: int, count: int, now: datetime, vocab: Vocabulary, self_url: str
) -> tuple[bytes, str]:
    """The body and content type of feed ``feed_no``: every fifth one is Atom."""
    items = items_for(feed_no, count, now, vocab)
    if feed_no % 5 == 4:
        return atom(feed_no, items, self_url), "application/atom+xml"
    return rss(feed_no, items, self_url), "application/rss+xml; charset=utf-8"


def etag_of(body: bytes) -> str:
    """A strong ETag for a body."""
    return '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:20] + '"'


def _rfc822(dt: datetime) -> str:
    return email.utils.format_datetime(dt.astimezone(UTC), usegmt=True)
