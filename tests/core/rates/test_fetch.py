"""fetch_table over a real loopback server: the real bytes, the real failures, rate wording."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from newsdesk.core import net
from newsdesk.core.errors import CancelledError
from newsdesk.core.rates.model import ProviderError, ProviderUnavailableError, RateFormatError
from newsdesk.core.rates.providers import PROVIDERS, RATE_LIMITS, fetch_history, fetch_table
from tests.core.rates.conftest import (
    ECB_90D,
    ECB_DAILY,
    FRANKFURTER_EUR,
    OPEN_ER_API,
    TEST_LIMITS,
    static,
)

WHEN = datetime(2026, 7, 6, 15, 0, tzinfo=UTC)


def test_registry_has_the_four_providers_with_default_urls():
    assert list(PROVIDERS) == ["ecb", "cbr", "frankfurter", "open_er_api"]
    assert PROVIDERS["ecb"].default_url.endswith("/eurofxref-daily.xml")
    assert PROVIDERS["ecb"].history_url and PROVIDERS["ecb"].history_url.endswith("-90d.xml")
    assert PROVIDERS["cbr"].default_url == "https://www.cbr.ru/scripts/XML_daily.asp"
    assert PROVIDERS["frankfurter"].default_url.endswith("/v1/latest?base=EUR")
    assert PROVIDERS["frankfurter"].replaces == "ecb"
    assert PROVIDERS["open_er_api"].opt_in and not PROVIDERS["open_er_api"].official
    assert RATE_LIMITS.deadline == 20 and RATE_LIMITS.max_bytes == 1_000_000


def test_each_provider_from_the_loopback_server(rates_server, session):
    ecb = fetch_table(
        "ecb", session, rates_server.url(f"/plain/{ECB_DAILY}"), TEST_LIMITS, now=WHEN
    )
    assert ecb.rates["USD"] == Decimal("1.1415") and ecb.fetched_at == WHEN
    assert rates_server.url(f"/plain/{ECB_DAILY}") in ecb.source_note
    cbr = fetch_table("cbr", session, rates_server.url("/cbr/XML_daily.asp"), TEST_LIMITS)
    assert cbr.published("JPY") == Decimal("0.472636") and cbr.fetched_at is not None
    frank = fetch_table(
        "frankfurter", session, rates_server.url(f"/plain/{FRANKFURTER_EUR}"), TEST_LIMITS
    )
    assert frank.as_of == date(2022, 6, 29)
    er = fetch_table("open_er_api", session, rates_server.url(f"/plain/{OPEN_ER_API}"), TEST_LIMITS)
    assert er.base == "RUB"
    user_agents = {r.headers["user-agent"] for r in rates_server.requests}
    assert len(user_agents) == 1 and user_agents.pop().startswith("Newsdesk/")


def test_history_file(rates_server, session):
    tables = fetch_history("ecb", session, rates_server.url(f"/plain/{ECB_90D}"), TEST_LIMITS)
    assert len(tables) == 61 and all(t.fetched_at for t in tables)
    with pytest.raises(ProviderError, match="no history"):
        fetch_history("cbr", session, rates_server.url("/cbr/XML_daily.asp"), TEST_LIMITS)


def test_server_error_is_worded_for_rates(rates_server, session):
    with pytest.raises(ProviderUnavailableError) as info:
        fetch_table("ecb", session, rates_server.url("/status/500"), TEST_LIMITS)
    assert str(info.value) == "ECB answered with an error (HTTP 500)."
    assert info.value.status == 500 and info.value.provider == "ecb"


def test_rate_limit_keeps_retry_after(rates_server, session):
    with pytest.raises(ProviderUnavailableError, match="wait") as info:
        fetch_table("frankfurter", session, rates_server.url("/retry/120"), TEST_LIMITS)
    assert info.value.status == 429 and info.value.retry_after == 120


def test_drip_is_stopped_by_a_tiny_deadline(rates_server, session):
    tiny = net.Limits(connect_timeout=1, read_timeout=1, deadline=0.5, max_bytes=1000)
    with pytest.raises(ProviderUnavailableError, match="did not answer in time"):
        fetch_table("cbr", session, rates_server.url("/drip"), tiny)


def test_oversized_answer_is_cut(rates_server, session):
    small = net.Limits(connect_timeout=2, read_timeout=2, deadline=3, max_bytes=10_000)
    with pytest.raises(ProviderUnavailableError, match="larger than 0.01 MB"):
        fetch_table("ecb", session, rates_server.url(f"/plain/{ECB_90D}"), small)


def test_closed_port_is_unreachable(session):
    with pytest.raises(ProviderUnavailableError, match="could not be reached"):
        fetch_table("ecb", session, "http://127.0.0.1:9/eurofxref-daily.xml", TEST_LIMITS)


def test_html_challenge_with_200_is_a_format_error(rates_server, session):
    page = b"<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body></body></html>"
    url = rates_server.route("/challenge", static(200, page, "text/html"))
    with pytest.raises(RateFormatError, match="web page") as info:
        fetch_table("cbr", session, url, TEST_LIMITS)
    assert info.value.provider == "cbr"


def test_cancel_is_not_a_provider_failure(rates_server, session):
    stop = threading.Event()
    stop.set()
    with pytest.raises(CancelledError):
        fetch_table(
            "ecb", session, rates_server.url(f"/plain/{ECB_DAILY}"), TEST_LIMITS, cancel=stop
        )


def test_unknown_provider_and_non_web_url(session):
    with pytest.raises(ProviderError, match="not a rate provider"):
        fetch_table("fixer", session, "https://example.org/", TEST_LIMITS)
    with pytest.raises(ProviderError, match="could not be reached"):
        fetch_table("ecb", session, "file:///etc/passwd", TEST_LIMITS)
