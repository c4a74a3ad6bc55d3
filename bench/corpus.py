"""A profile holding many stored articles, written straight through ``Storage.store_feed``.

No HTTP and no feed parsing: the synthetic items become :class:`ParsedEntry` values (their HTML
is already what the sanitiser would keep) and go in batches of one refresh's worth (50), each
batch one transaction, exactly as a refresh stores them (articles, state, topics, full-text
index). Topics come from the real taxonomy classifier, so the topic filter selects realistic
shares of rows.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from bench import synth

BATCH = 50  # articles per store_feed call: one feed's refresh


def build(profile_dir: Path, articles: int, per_feed: int = 500, log=print) -> dict:
    """Create a profile in ``profile_dir`` with ``articles`` stored articles.

    Returns facts about it (feeds, articles, seconds, database size).
    """
    from newsdesk.core.model import DateNote, ParsedEntry, ParsedFeed
    from newsdesk.core.profile import SEEDED_KEY, open_profile

    started = time.perf_counter()
    feeds = max(1, -(-articles // per_feed))
    vocab = synth.Vocabulary()
    now = datetime.now(UTC).replace(microsecond=0)
    profile = open_profile(profile_dir, seed_defaults=False)
    try:
        storage = profile.storage
        taxonomy = profile.taxonomy
        storage.set_meta(SEEDED_KEY, "1")  # no default subscriptions: only ours
        storage.add_feeds(
            (f"http://127.0.0.{2 + n % 8}:9/feeds/{n}.xml", f"Bench Site {n}", _group(n), "")
            for n in range(feeds)
        )
        ids = [s.id for s in storage.feed_states()]

        def topics_of(e: ParsedEntry) -> tuple[str, ...]:
            return taxonomy.classify(e.title, e.text, e.categories, "")

        # Oldest batch of every feed first, newest last, as refreshes over weeks would have
        # stored them: article ids then grow with time, as in a real profile.
        per = [min(per_feed, articles - n * per_feed) for n in range(len(ids))]
        rounds = -(-per_feed // BATCH)
        done = 0
        for r in reversed(range(rounds)):
            for n, feed_id in enumerate(ids):
                first = r * BATCH
                count = min(BATCH, per[n] - first)
                if count <= 0:
                    continue
                items = synth.items_for(
                    100_000 + n, count, now, vocab, span_days=50, start=first, total=per[n]
                )
                entries = tuple(
                    ParsedEntry(
                        key="g:" + it.guid,
                        title=it.title,
                        link=it.link,
                        author=it.author,
                        summary_html=it.html,
                        content_html="",
                        text=it.text,
                        published=it.published,
                        utc_offset_minutes=0,
                        date_note=DateNote.OK,
                        categories=it.categories,
                    )
                    for it in items
                )
                parsed = ParsedFeed(
                    f"Bench Site {n}", f"https://site{n}.example/", "rss20", entries
                )
                storage.store_feed(feed_id, parsed, topics_of, etag='"x"', last_modified=None)
                done += count
            if articles > 0:
                log(f"    corpus: {done:,} articles stored ({time.perf_counter() - started:.0f} s)")
        storage.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        storage.connection.execute("PRAGMA optimize")
        stored = storage.article_count()
        topic_counts = storage.topic_counts()
    finally:
        profile.close()
    db = profile.paths.database_file
    return {
        "feeds": feeds,
        "articles": stored,
        "seconds": time.perf_counter() - started,
        "db_mb": db.stat().st_size / 1e6,
        "topics": topic_counts,
    }


def _group(n: int) -> str:
    return "Partner news" if n % 10 == 9 else "News"
