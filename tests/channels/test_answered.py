"""The widget's message ids: a repeat is answered once with the first reply, also while the first is still
being answered; bad ids are refused clearly; the store is bounded in size and time."""

import asyncio

import pytest

from bot.channels.answered import PENDING, AnsweredMessages, answer_once, message_id_of


def counted_answer(delay: float = 0.0):
    calls = []

    async def answer():
        calls.append(1)
        await asyncio.sleep(delay)
        return [{"text": f"answer {len(calls)}"}]

    return answer, calls


@pytest.mark.parametrize(
    "body, expected",
    [
        ({"message_id": "0123456789abcdef0123456789abcdef"}, ("0123456789abcdef0123456789abcdef", None)),
        ({"message_id": None}, (None, None)),
        ({}, (None, None)),
        (None, (None, None)),
    ],
)
def test_ids_and_absent_ids(body, expected):
    assert message_id_of(body) == expected


@pytest.mark.parametrize("bad", ["x" * 65, "", 42, ["a"], {"a": 1}, True, "a b", "a:b", "é"])
def test_bad_ids_get_a_clear_message(bad):
    message_id, problem = message_id_of({"message_id": bad})
    assert message_id is None and "'message_id'" in problem


def test_a_repeated_id_is_answered_once_with_the_first_reply():
    answers = AnsweredMessages(60)
    answer, calls = counted_answer()
    first = asyncio.run(answer_once(answers, "c\0id", answer, wait=1))
    again = asyncio.run(answer_once(answers, "c\0id", answer, wait=1))
    other = asyncio.run(answer_once(answers, "c\0other", answer, wait=1))
    assert first == again == [{"text": "answer 1"}] and other == [{"text": "answer 2"}] and len(calls) == 2


def test_no_id_is_always_answered():
    answer, calls = counted_answer()
    for _ in range(2):
        asyncio.run(answer_once(AnsweredMessages(60), None, answer, wait=1))
    assert len(calls) == 2


def test_a_repeat_during_the_first_answer_waits_for_it_and_gives_up_after_its_wait():
    async def both(wait):
        answers, (answer, calls) = AnsweredMessages(60), counted_answer(delay=0.5)
        results = await asyncio.gather(answer_once(answers, "k", answer, 5), answer_once(answers, "k", answer, wait))
        return results, calls

    (first, repeat), calls = asyncio.run(both(wait=5))
    assert first == repeat == [{"text": "answer 1"}] and len(calls) == 1
    (first, repeat), calls = asyncio.run(both(wait=0.1))
    assert first == [{"text": "answer 1"}] and repeat is None and len(calls) == 1


def test_a_client_that_gives_up_does_not_stop_the_answer_its_retry_gets():
    async def run():
        answers, (answer, calls) = AnsweredMessages(60), counted_answer(delay=0.3)
        first = asyncio.ensure_future(answer_once(answers, "k", answer, 5))
        await asyncio.sleep(0.05)
        first.cancel()  # the connection closed: Sanic cancels the handler
        return await answer_once(answers, "k", answer, 5), calls

    replies, calls = asyncio.run(run())
    assert replies == [{"text": "answer 1"}] and len(calls) == 1


def test_a_failed_answer_frees_its_id():
    async def failing():
        raise RuntimeError("down")

    answers = AnsweredMessages(60)
    with pytest.raises(RuntimeError):
        asyncio.run(answer_once(answers, "k", failing, 1))
    answer, calls = counted_answer()
    assert asyncio.run(answer_once(answers, "k", answer, 1)) == [{"text": "answer 1"}]


def test_bounded_in_time_and_size():
    now = [0.0]
    answers = AnsweredMessages(10, max_ids=3, clock=lambda: now[0])
    assert answers.claim("a") is None and answers.claim("a") == PENDING
    answers.keep("a", [{"text": "x"}])
    assert answers.claim("a") == [{"text": "x"}]
    now[0] = 11
    assert answers.claim("a") is None  # forgotten after the window
    for key in "bcd":
        answers.claim(key)
    assert answers.claim("a") is None  # the oldest forgotten beyond max_ids
