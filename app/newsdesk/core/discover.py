"""Adding a feed: fetch the address once, and if it is a web page, find the feed it links to."""

from __future__ import annotations

from newsdesk.core import feeds, net
from newsdesk.core.errors import NotAFeedError
from newsdesk.core.links import normalize_feed_url
from newsdesk.core.settings import Settings


def resolve_feed(address: str, settings: Settings) -> tuple[str, str]:
    """The feed URL and title for what a user typed (a feed, or a page announcing one).

    Raises:
        NewsdeskError: the address is unsafe, unreachable, or neither a feed nor a page that
            links to one.
    """
    url = normalize_feed_url(address)
    limits = net.Limits.for_feeds(settings.network)
    with net.make_session() as session:
        response = net.fetch(session, url, limits=limits)
        try:
            parsed = feeds.parse(response.body, response.content_type, response.final_url)
            return url, parsed.title
        except NotAFeedError as exc:
            if not exc.discovered:
                raise
            discovered = exc.discovered
        for candidate in discovered:
            response = net.fetch(session, candidate, limits=limits)
            try:
                parsed = feeds.parse(response.body, response.content_type, response.final_url)
            except NotAFeedError:
                continue
            return candidate, parsed.title
    raise NotAFeedError(f"The page at {url} links to feeds, but none of them could be read.")
