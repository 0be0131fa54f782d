"""Pages' turns in the browser: a page hands its turn on only to a page waiting for one, and
only while a place among the finishing pages is free; it goes on once that page's first load
has ended; a turn handed on can be taken back."""

from __future__ import annotations

import asyncio

from checker.run.page_slots import PageSlots


def _run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 5))


def test_a_page_hands_its_turn_on_and_goes_on_once_the_next_page_has_loaded() -> None:
    async def scenario() -> list[str]:
        slots, log = PageSlots(1), []

        async def first() -> None:
            async with slots.page() as slot:
                await asyncio.sleep(0.01)  # the second page is waiting by now
                log.append("first hands on")
                await slot.hand_on(wait_s=5)
                log.append("first's last pass")

        async def second() -> None:
            await asyncio.sleep(0)  # after the first took its turn
            async with slots.page() as slot:
                log.append("second loads")
                await asyncio.sleep(0.05)
                log.append("second loaded")
                slot.load_ended()
                await asyncio.sleep(0.01)

        await asyncio.gather(first(), second())
        return log

    assert _run(scenario()) == [
        "first hands on",
        "second loads",
        "second loaded",
        "first's last pass",
    ]


def test_no_page_waiting_means_nothing_to_hand_on_to() -> None:
    async def scenario() -> tuple[bool, float]:
        slots = PageSlots(1)
        async with slots.page() as slot:
            may = slot.may_hand_on()
            started = asyncio.get_running_loop().time()
            await slot.hand_on(wait_s=5)  # returns at once: the turn is kept
            return may, asyncio.get_running_loop().time() - started

    may, waited = _run(scenario())
    assert not may and waited < 0.5


def test_the_finishing_places_bound_how_many_pages_hand_on() -> None:
    async def scenario() -> list[str]:
        slots, log = PageSlots(1), []
        first_finishing, first_may_end = asyncio.Event(), asyncio.Event()

        async def first() -> None:
            async with slots.page() as slot:
                await asyncio.sleep(0.01)
                finishing = asyncio.create_task(slot.hand_on(wait_s=5))
                await asyncio.sleep(0)
                first_finishing.set()
                await finishing
                await first_may_end.wait()  # a long last pass
                log.append("first ends")

        async def second() -> None:
            await asyncio.sleep(0)
            async with slots.page() as slot:
                slot.load_ended()
                await first_finishing.wait()
                await asyncio.sleep(0.01)  # the third page waits for a turn by now
                log.append(f"second may hand on: {slot.may_hand_on()}")
                first_may_end.set()
                await asyncio.sleep(0.01)
                log.append(f"second may hand on: {slot.may_hand_on()}")

        async def third() -> None:
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            async with slots.page():
                log.append("third starts")

        await asyncio.gather(first(), second(), third())
        return log

    assert _run(scenario()) == [
        "second may hand on: False",  # the one place is the first page's
        "first ends",
        "second may hand on: True",
        "third starts",
    ]


def _handing_on_seconds(next_page, wait_s: float) -> float:
    """How long a page's hand_on(wait_s) waits for the page after it, which runs
    `next_page()` in its turn."""

    async def scenario() -> float:
        slots = PageSlots(1)

        async def first() -> float:
            async with slots.page() as slot:
                await asyncio.sleep(0.01)  # the next page is waiting by now
                started = asyncio.get_running_loop().time()
                await slot.hand_on(wait_s)
                return asyncio.get_running_loop().time() - started

        async def second() -> None:
            await asyncio.sleep(0)
            async with slots.page():
                await next_page()

        waited, _ = await asyncio.gather(first(), second())
        return waited

    return _run(scenario())


def test_a_page_whose_next_page_never_loads_goes_on_after_its_wait() -> None:
    async def stuck() -> None:
        await asyncio.sleep(1)  # its load never ends in time

    assert 0.15 < _handing_on_seconds(stuck, wait_s=0.2) < 0.8


def test_a_page_that_ends_before_its_load_lets_the_page_before_go_on() -> None:
    async def failing() -> None:
        await asyncio.sleep(0.05)  # the browser failed it before any load

    assert _handing_on_seconds(failing, wait_s=5) < 1


def test_a_turn_handed_on_is_taken_back_before_another_load() -> None:
    async def scenario() -> list[str]:
        slots, log = PageSlots(1), []

        async def first() -> None:
            async with slots.page() as slot:
                await asyncio.sleep(0.01)
                await slot.hand_on(wait_s=5)
                log.append("first wants to load again")
                await slot.take_back()
                log.append("first loads again")

        async def second() -> None:
            await asyncio.sleep(0)
            async with slots.page() as slot:
                slot.load_ended()
                await asyncio.sleep(0.05)
                log.append("second ends")

        await asyncio.gather(first(), second())
        return log

    assert _run(scenario()) == [
        "first wants to load again",
        "second ends",
        "first loads again",
    ]
