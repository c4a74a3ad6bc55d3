"""Exchange rates: providers, validation, storage, staleness and exact conversion (no Qt).

The pieces, each in its own module:

* :mod:`.model` — :class:`RateTable`, :class:`Conversion` and the :class:`RateError` family;
* :mod:`.providers` — the registry and :func:`fetch_table`; parsers in :mod:`.ecb`,
  :mod:`.cbr` and :mod:`.jsonapis`;
* :mod:`.schedule` — when each provider publishes, and so what "stale" means;
* :mod:`.convert` — :class:`RateBook`, cross rates and rounding;
* :mod:`.currencies` — codes, names and minor units; :mod:`.amount` — reading typed amounts;
* :mod:`.store` — :data:`RATES_SCHEMA` and :class:`RateStore`;
* :mod:`.service` — :class:`RateService`, the fallback chain; :mod:`.snapshot` — shipped rates.
"""

from __future__ import annotations

from newsdesk.core.rates.amount import parse_amount
from newsdesk.core.rates.convert import BookSource, RateBook
from newsdesk.core.rates.currencies import Currency, CurrencyTable, load_currencies
from newsdesk.core.rates.model import (
    AmountError,
    ApiKeyRequiredError,
    Conversion,
    ConversionError,
    EmptyTableError,
    MissingPairError,
    Origin,
    ProviderError,
    ProviderRefusedError,
    ProviderUnavailableError,
    RateError,
    RateFormatError,
    RateTable,
    UnknownCurrencyError,
)
from newsdesk.core.rates.providers import PROVIDERS, RATE_LIMITS, ProviderInfo, fetch_table
from newsdesk.core.rates.schedule import Freshness, Staleness, describe, expected_latest, is_stale
from newsdesk.core.rates.service import RatesConfig, RateService, RefreshReport, SlotReport
from newsdesk.core.rates.store import RATES_SCHEMA, RateStore

__all__ = [
    "PROVIDERS",
    "RATES_SCHEMA",
    "RATE_LIMITS",
    "AmountError",
    "ApiKeyRequiredError",
    "BookSource",
    "Conversion",
    "ConversionError",
    "Currency",
    "CurrencyTable",
    "EmptyTableError",
    "Freshness",
    "MissingPairError",
    "Origin",
    "ProviderError",
    "ProviderInfo",
    "ProviderRefusedError",
    "ProviderUnavailableError",
    "RateBook",
    "RateError",
    "RateFormatError",
    "RateService",
    "RateStore",
    "RateTable",
    "RatesConfig",
    "RefreshReport",
    "SlotReport",
    "Staleness",
    "UnknownCurrencyError",
    "describe",
    "expected_latest",
    "fetch_table",
    "is_stale",
    "load_currencies",
    "parse_amount",
]
