"""Dates and times in a language runacu has no patterns of its own for: CLDR's formats for its locale, or US
English's when CLDR has no locale for it."""

from __future__ import annotations

from datetime import date, time

import pytest

from runacu.views import dates

SUNDAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("language", "long", "short", "clock", "weekday"),
    [
        # English and Spanish: runacu's own patterns, as US readers write them.
        ("en", "December 6, 2026", "Sun, Dec 6, 2026", "6:00 PM", "Sunday"),
        ("es", "6 de diciembre de 2026", "domingo 6 de diciembre de 2026", "6:00 p.\u202fm.", "Domingo"),
        # Any other language: CLDR's long and full dates and its short time, for its locale...
        ("fr", "6 décembre 2026", "dimanche 6 décembre 2026", "18:00", "Dimanche"),
        # ...or for US English, when CLDR has no locale for it.
        ("qps", "December 6, 2026", "Sunday, December 6, 2026", "6:00\u202fPM", "Sunday"),
    ],
)
def test_each_language_writes_dates_as_its_readers_do(
    language: str, long: str, short: str, clock: str, weekday: str
) -> None:
    assert dates.long_date(SUNDAY, language) == long
    assert dates.short_date(SUNDAY, language) == short
    assert dates.clock(time(18, 0), language) == clock
    assert dates.weekday_name(6, language) == weekday
