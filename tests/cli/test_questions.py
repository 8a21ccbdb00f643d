"""Line-at-a-time questions: typed answers, nothing asked without a terminal, Ctrl-C skips the rest."""

from __future__ import annotations

import io

from coach.cli.questions import Questions
from tests.cli.fakes import Unreadable, typed


class Interrupted(io.StringIO):
    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]  # as typeshed's StringIO.readline
        raise KeyboardInterrupt


def test_an_answer_is_read_without_the_spaces_around_it() -> None:
    out = io.StringIO()

    answer = Questions(typed("  yes "), out, interactive=True).ask("Ready?")

    assert answer == "yes"
    assert out.getvalue() == "Ready? "


def test_without_a_terminal_nothing_is_asked_or_read() -> None:
    out = io.StringIO()
    questions = Questions(Unreadable(), out, interactive=False)

    assert questions.ask("Ready?") is None
    assert questions.choose("Ready?", {"y": True}, "y please", enter_skips=False) is None
    assert out.getvalue() == ""


def test_after_the_end_of_input_every_later_question_is_skipped() -> None:
    questions = Questions(typed("3"), io.StringIO(), interactive=True)

    answers = [questions.ask("First?"), questions.ask("Second?"), questions.ask("Third?")]

    assert answers == ["3", None, None]
    assert not questions.interactive


def test_ctrl_c_skips_this_question_and_the_rest() -> None:
    questions = Questions(Interrupted(), io.StringIO(), interactive=True)

    assert questions.ask("First?") is None
    assert questions.ask("Second?") is None


def test_choose_asks_again_after_an_answer_it_does_not_know() -> None:
    out = io.StringIO()
    questions = Questions(typed("maybe", "N"), out, interactive=True)

    chosen = questions.choose("Sure?", {"y": True, "n": False}, "Please type y or n.", enter_skips=True)

    assert chosen is False
    assert out.getvalue().count("Sure?") == 2
    assert "Please type y or n." in out.getvalue()


def test_enter_skips_only_where_skipping_is_allowed() -> None:
    skippable = Questions(typed("", "y"), io.StringIO(), interactive=True)
    required = Questions(typed("", "y"), io.StringIO(), interactive=True)

    assert skippable.choose("Sure?", {"y": True}, "y please", enter_skips=True) is None
    assert required.choose("Sure?", {"y": True}, "y please", enter_skips=False) is True
