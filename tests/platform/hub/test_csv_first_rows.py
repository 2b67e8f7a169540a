"""A streamed CSV's first rows leave after `CSV_FIRST_ROWS` lines, not after a whole chunk of
1,000: a report whose lines each wait for their people's names (the activities page names ~10
a line) began its download only once 10,000 names were opened (#15)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from starlette.responses import StreamingResponse

from kiosk.platform.hub.web_centre import CSV_CHUNK_ROWS, CSV_FIRST_ROWS, csv_stream


def test_the_first_rows_leave_before_a_whole_chunk_is_read() -> None:
    read: list[int] = []

    def rows() -> Iterator[tuple[object, ...]]:
        for n in range(2500):
            read.append(n)
            yield (f"st-{n:04d}", n)

    response = csv_stream("first", ["station", "n"], rows())
    assert isinstance(response, StreamingResponse)

    async def chunks() -> list[tuple[int, str]]:
        out = []
        async for chunk in response.body_iterator:
            text = chunk if isinstance(chunk, str) else bytes(chunk).decode("utf-8")
            out.append((len(read), text))
        return out

    # In a thread of its own: a browser test's Playwright keeps an event loop running in this
    # one for the rest of the session, where asyncio.run refuses to start.
    with ThreadPoolExecutor(1) as pool:
        got = pool.submit(asyncio.run, chunks()).result()
    first_read, first = got[0]
    lines = first.lstrip("\ufeff").splitlines()
    assert lines[0] == "station,n" and len(lines) == 1 + CSV_FIRST_ROWS
    assert first_read == CSV_FIRST_ROWS  # sent before the next line was asked for
    assert CSV_FIRST_ROWS < CSV_CHUNK_ROWS
    every = "".join(text for _, text in got).lstrip("\ufeff").splitlines()
    assert every[1:] == [f"st-{n:04d},{n}" for n in range(2500)]  # each row once, in order
