import datetime as dt

from eventwire.coding.dates import resolve_date, size_of

SUNDAY = dt.date(2020, 8, 16)


def test_relative_dates_resolve_against_publication():
    assert resolve_date("On Saturday, crowds gathered", SUNDAY) == (dt.date(2020, 8, 15), "day")
    assert resolve_date("the disputed 9 August election", SUNDAY) == (dt.date(2020, 8, 9), "day")
    assert resolve_date("talks yesterday", SUNDAY) == (dt.date(2020, 8, 15), "day")
    assert resolve_date("last week's vote", SUNDAY)[1] == "week"
    assert resolve_date("nothing here", SUNDAY) is None


def test_sizes():
    assert size_of("some 6,700 people") == 6700
    assert size_of("thousands of protesters") == [1000, 9999]
    assert size_of("the army") is None
