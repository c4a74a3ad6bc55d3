"""Adding a feed: fetch the address once, and if it is a web page, find the feed it links to."""

from __future__ import annotations

import logging
import threading

from newsdesk.core import feeds, net
from newsdesk.core.errors import CancelledError, FetchError, NotAFeedError
from newsdesk.core.links import normalize_feed_url
from newsdesk.core.model import ProbeResult
from newsdesk.core.settings import Settings

log = logging.getLogger(__name__)


def resolve_feed(
    address: str, settings: Settings, *, cancel: threading.Event | None = None
) -> ProbeResult:
    """The feed URL, title and item count for what a user typed (a feed, or a page that
    announces one), downloaded once through the proxy and within the limits of ``settings``.

    The count is of distinct articles (as a refresh would store them), at most
    ``refresh.max_entries_per_feed``. A page's announced feeds are tried in order.

    Raises:
        NewsdeskError: the address is unsafe, unreachable, or neither a feed nor a page that
            links to one; :class:`~newsdesk.core.errors.CancelledError` once ``cancel`` is set.
    """
    url = normalize_feed_url(address)
    limits = net.Limits.for_feeds(settings.network)
    most = settings.refresh.max_entries_per_feed
    with net.make_session(settings.network) as session:
        response = net.fetch(session, url, limits=limits, cancel=cancel)
        try:
            parsed = feeds.parse(
                response.body, response.content_type, response.final_url, max_entries=most
            )
            return ProbeResult(url, parsed.title, len(parsed.entries))
        except NotAFeedError as exc:
            if not exc.discovered:
                raise
            discovered = exc.discovered
        for candidate in discovered:
            # A page may announce a dead or wrong feed before a good one: try them in turn.
            try:
                response = net.fetch(session, candidate, limits=limits, cancel=cancel)
                parsed = feeds.parse(
                    response.body, response.content_type, response.final_url, max_entries=most
                )
            except CancelledError:
                raise
            except (FetchError, NotAFeedError) as exc:
                log.info("announced feed %s not usable: %s", candidate, exc)
                continue
            return ProbeResult(candidate, parsed.title, len(parsed.entries))
    raise NotAFeedError(f"The page at {url} links to feeds, but none of them could be read.")
