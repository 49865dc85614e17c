"""Reading the desk's time back out of an edit's hybrid-clock stamp (the history's 'on the
desk' column)."""

import datetime as dt

from app.domain.clock import HybridClock, stamp_time


def test_stamp_of_this_clock_reads_back_its_wall_time():
    when = dt.datetime(2027, 1, 13, 10, 30, 15, 250_000, tzinfo=dt.UTC)
    stamp = f"{int(when.timestamp() * 1000):013d}-0003-abcd1234"
    assert stamp_time(stamp) == when


def test_a_live_stamp_is_close_to_now():
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    read = stamp_time(HybridClock("n0de").now())
    assert read is not None and read >= before


def test_iso_stamps_read_as_utc():
    assert stamp_time("2027-01-12T09:00:00.000Z-0000-desk") == dt.datetime(
        2027, 1, 12, 9, tzinfo=dt.UTC)
    assert stamp_time("2027-01-12T16:00:00+07:00-0001-desk") == dt.datetime(
        2027, 1, 12, 9, tzinfo=dt.UTC)


def test_no_time_in_a_stamp_is_none():
    for stamp in ("", "import", "x-y-z", "12-0000-n", "2027-13-45T99:00-0000-d"):
        assert stamp_time(stamp) is None
