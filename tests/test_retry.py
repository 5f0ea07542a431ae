"""retrying(): flood control waited out (clamped), transient errors backed off, the rest final."""

from __future__ import annotations

import pytest

from bot.errors import ChatBlocked, RateLimited, SendError, TransientSendError
from bot.telegram.retry import RetryPolicy, retrying


def scripted(*outcomes: SendError | str):
    """A send that raises or returns its outcomes in turn, and the sleeps it was made to take."""
    calls, slept = list(outcomes), []

    async def send() -> str:
        outcome = calls.pop(0)
        if isinstance(outcome, SendError):
            raise outcome
        return outcome

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    return send, sleep, slept


@pytest.mark.parametrize(
    ("retry_after", "waited"),
    [(1, 1), (0.2, 0.2), (10**9, 60), (10**12, 60), (float("inf"), 60), (float("nan"), 1), (-5, 1)],
)
async def test_flood_control_is_waited_out_within_a_ceiling(retry_after, waited) -> None:
    send, sleep, slept = scripted(RateLimited(retry_after), "ok")
    assert await retrying(send, sleep=sleep) == "ok"
    assert slept == [waited]


async def test_transient_errors_back_off_then_the_last_one_is_raised() -> None:
    errors = [TransientSendError(f"502 #{i}") for i in range(4)]
    send, sleep, slept = scripted(*errors)
    with pytest.raises(TransientSendError, match="#3"):
        await retrying(send, RetryPolicy(backoff=0.5, transient_tries=4), sleep=sleep)
    assert slept == [0.5, 1.0, 2.0]


async def test_flood_control_gives_up_after_its_tries_and_a_refusal_at_once() -> None:
    send, sleep, slept = scripted(*(RateLimited(3) for _ in range(3)))
    with pytest.raises(RateLimited):
        await retrying(send, RetryPolicy(flood_tries=3), sleep=sleep)
    assert slept == [3, 3]
    send, sleep, slept = scripted(ChatBlocked("blocked"), "never")
    with pytest.raises(ChatBlocked):
        await retrying(send, sleep=sleep)
    assert slept == []
