"""The session engine: a state machine that walks a routine's steps against an injected clock.

Nothing here sleeps or starts a thread. Whoever drives the engine (a QTimer in the GUI, a loop in the
terminal runner, a test's FakeClock) calls `tick()`; the engine compares the clock with its deadlines and
emits plain event objects to its subscribers and as the return value of every call.
"""

from __future__ import annotations

import enum
import logging
import math
from collections.abc import Callable
from datetime import datetime, timedelta

from coach.core.clinical.safety import ICING_SKIN_CHECK_MINUTES
from coach.core.routines.model import Routine, Step, StepKind, plan_steps
from coach.core.session.clock import Clock
from coach.core.session.events import (
    CountdownCue,
    Event,
    FinalSecondsCue,
    HalfwayCue,
    HoldCue,
    ListenerFailed,
    NotSavedYetError,
    SessionFinished,
    SessionPaused,
    SessionResumed,
    SessionStarted,
    SideSwitch,
    SkinCheckCue,
    StepCompleted,
    StepStarted,
)
from coach.core.session.timer import Deadline

# Cues (ours): a 3-2-1 countdown only on steps long enough for it to help and never on reps (a rep's start
# is its own cue; three beeps per rep would drown it); a "halfway" only on holds and timers long enough for
# the person to wonder how far they are.
COUNTDOWN_FROM = 3
# A run-walk's intervals count their last 10 seconds (issue 23): on a treadmill or a track the change is
# a change of pace, worth seeing come.
INTERVAL_COUNTDOWN_FROM = 10
COUNTDOWN_MIN_STEP_SECONDS = 5.0
HALFWAY_MIN_STEP_SECONDS = 20.0
# "10 seconds left", once, for a screen reader (ours): on timed steps at least twice that long, so that it
# never comes as the step starts.
FINAL_SECONDS = 10
FINAL_SECONDS_MIN_STEP_SECONDS = 20.0
# "Back" restarts the current block once it has run this long, like a music player's previous button (ours).
BACK_RESTARTS_AFTER_SECONDS = 2.0

Listener = Callable[[Event], None]
# Who keeps the time of an icing step: given the step's index, the deadline of the icing run it is (begun
# or joined), or None to count the step on its own (see `coach.core.operations.icing_steps`).
IcingDeadline = Callable[[int, Step, datetime], Deadline | None]
log = logging.getLogger(__name__)


class EngineState(enum.Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


# A set counted up until tired (format 3's `until = "tired"`) has no deadline of its own; one left running
# this long ends by itself, so that a session someone walked away from still ends (ours: ten minutes is far
# past any set of reps on the sheets).
OPEN_ENDED_CAP_SECONDS = 600.0


class EngineError(RuntimeError):
    """An operation that does not fit the engine's state (e.g. resume while running)."""


class SessionEngine:
    """Walks a session step by step; the one place that holds a session's mutable state."""

    def __init__(
        self, routine_or_steps: Routine | tuple[Step, ...], clock: Clock, *, start_index: int = 0
    ) -> None:
        steps = plan_steps(routine_or_steps) if isinstance(routine_or_steps, Routine) else routine_or_steps
        if not steps:
            raise EngineError("a session needs at least one step")
        if not 0 <= start_index < len(steps):
            raise EngineError(f"start_index {start_index} is outside the session's {len(steps)} steps")
        self.steps = steps
        self._clock = clock
        self._listeners: list[Listener] = []
        self._block_starts = _block_starts(steps)
        self._index = start_index
        self._state = EngineState.READY
        self._deadline = Deadline(ends=0.0)
        self._paused_remaining = 0.0
        # The session's times are the time of day it began plus time truly elapsed: a clock set ahead or
        # back meanwhile changes no duration and puts no step before its session.
        self._began = (clock.wall(), clock.elapsed())
        self._step_started_wall = clock.wall()
        self._last_cue = COUNTDOWN_FROM + 1
        self._halfway_done = False
        self._final_seconds_done = False
        self._skin_check_done = False
        self._hold_cues_done = 0  # inside a rep with a hold: 1 once its start was cued, 2 once its end
        self.seconds_total = sum(step.seconds for step in steps)
        self.icing_deadline: IcingDeadline | None = None
        # The current step keeps the time of an icing run: a pause or Back never stops or restarts the ice.
        self._follows_run = False

    # -- observing ----------------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` with every event from now on, in order."""
        self._listeners.append(listener)

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def state(self) -> EngineState:
        return self._state

    @property
    def index(self) -> int:
        return self._index

    @property
    def current_step(self) -> Step:
        return self.steps[self._index]

    @property
    def next_step(self) -> Step | None:
        return self.steps[self._index + 1] if self._index + 1 < len(self.steps) else None

    @property
    def next_block(self) -> Step | None:
        """The first step after the current block: what "next up" shows while the reps of a set run."""
        following = self._block_end(self._index) + 1
        return self.steps[following] if following < len(self.steps) else None

    @property
    def counting(self) -> bool:
        """Whether the shown time moves: running, or paused in an icing step (the ice keeps its time)."""
        return self._state is EngineState.RUNNING or (self._state is EngineState.PAUSED and self._follows_run)

    def remaining(self) -> float:
        """Seconds left in the current step, from its deadline."""
        if self._state is EngineState.PAUSED and not self._follows_run:
            return self._paused_remaining
        if self.counting:
            return self._deadline.remaining(self._clock)
        if self._state is EngineState.READY:
            return self.current_step.seconds
        return 0.0

    def elapsed(self) -> float:
        """Seconds into the current step: what a set counted up until tired shows."""
        cap = self._step_seconds(self.current_step)
        return max(0.0, cap - self.remaining()) if self._state is not EngineState.READY else 0.0

    def counted_reps(self) -> int:
        """The reps a set until tired has reached at the sheet's pace (what the count-up shows; the person's
        own count, given to `end_set`, is what is recorded)."""
        step = self.current_step
        if not step.open_ended or step.seconds_per_rep <= 0:
            return 0
        return int(self.elapsed() // step.seconds_per_rep)

    def end_set(self, reps_done: int | None = None) -> list[Event]:
        """The person ends a set counted up until tired ("I'm tired"): it is done, with `reps_done` (by
        default the count shown), and the next step begins. Anything else: nothing happens."""
        events: list[Event] = []
        self._advance(events)
        step = self.current_step
        if self._state not in (EngineState.RUNNING, EngineState.PAUSED) or not step.open_ended:
            return self._emit(events)
        done = self.counted_reps() if reps_done is None else max(0, reps_done)
        now = self._clock.monotonic()
        ran = self.elapsed()
        events.append(StepCompleted(step, self._step_started_wall, self._wall_now(), False, done, ran))
        if self._index + 1 >= len(self.steps):
            self._finish(True, now, events)
        else:
            self._begin_step(self._index + 1, now, events)
        return self._emit(events)

    def block_remaining(self) -> float:
        """Seconds left in the current block: the rest of this set's reps on this side, or this one step."""
        later = self.steps[self._index + 1 : self._block_end(self._index) + 1]
        return self.remaining() + sum(step.seconds for step in later)

    def session_remaining(self) -> float:
        """Seconds left in the whole session if nobody pauses or skips."""
        if self._state in (EngineState.FINISHED, EngineState.STOPPED):
            return 0.0
        return self.remaining() + sum(step.seconds for step in self.steps[self._index + 1 :])

    def progress(self) -> float:
        """How far through the whole session, 0.0 to 1.0, by planned time."""
        if self._state is EngineState.FINISHED:
            return 1.0
        before = sum(step.seconds for step in self.steps[: self._index])
        done_in_step = min(self.current_step.seconds, self.elapsed())
        return min(1.0, (before + done_in_step) / self.seconds_total) if self.seconds_total else 1.0

    # -- driving ------------------------------------------------------------------------------------------

    def start(self) -> list[Event]:
        if self._state is not EngineState.READY:
            raise EngineError(f"cannot start a session that is {self._state.value}")
        events: list[Event] = []
        self._state = EngineState.RUNNING
        events.append(SessionStarted(len(self.steps), self.seconds_total, self._wall_now()))
        self._begin_step(self._index, self._clock.monotonic(), events)
        return self._emit(events)

    def tick(self) -> list[Event]:
        """Complete every step whose deadline has passed and emit the cues that are due."""
        events: list[Event] = []
        self._advance(events, cue=True)
        return self._emit(events)

    def pause(self) -> list[Event]:
        events: list[Event] = []
        self._advance(events)
        if self._state is EngineState.RUNNING:
            self._paused_remaining = self._deadline.remaining(self._clock)
            self._state = EngineState.PAUSED
            events.append(SessionPaused(self.current_step, self._paused_remaining))
        return self._emit(events)

    def resume(self) -> list[Event]:
        if self._state is not EngineState.PAUSED:
            raise EngineError(f"cannot resume a session that is {self._state.value}")
        if not self._follows_run:
            self._deadline = Deadline.start(
                self._clock, self._paused_remaining, through_sleep=self.current_step.uses_wall_clock
            )
        self._state = EngineState.RUNNING
        events: list[Event] = [SessionResumed(self.current_step, self.remaining())]
        self._advance(events)  # the ice may have run out during the pause
        return self._emit(events)

    def toggle_pause(self) -> list[Event]:
        return self.resume() if self._state is EngineState.PAUSED else self.pause()

    def skip(self) -> list[Event]:
        """Skip the rest of the current block (all remaining reps of this set and side, or one other step)."""
        events: list[Event] = []
        self._advance(events)
        if self._state not in (EngineState.RUNNING, EngineState.PAUSED):
            return self._emit(events)
        now = self._clock.monotonic()
        last = self._block_end(self._index)
        for index in range(self._index, last + 1):
            current = index == self._index
            started = self._step_started_wall if current else self._wall_now()
            ran = self.elapsed() if current else 0.0
            events.append(
                StepCompleted(self.steps[index], started, self._wall_now(), True, active_seconds=ran)
            )
        if last + 1 >= len(self.steps):
            self._finish(True, now, events)
        else:
            self._begin_step(last + 1, now, events)
        return self._emit(events)

    def back(self) -> list[Event]:
        """Restart the current block; go to the previous block instead when this one has only just begun."""
        events: list[Event] = []
        self._advance(events)
        if self._state not in (EngineState.RUNNING, EngineState.PAUSED):
            return self._emit(events)
        target = max(b for b in self._block_starts if b <= self._index)
        just_begun = self.elapsed() < BACK_RESTARTS_AFTER_SECONDS
        if target == self._index and just_begun and target > 0:
            target = max(b for b in self._block_starts if b < self._index)
        self._begin_step(target, self._clock.monotonic(), events)
        return self._emit(events)

    def stop(self) -> list[Event]:
        """End the session early; the step in progress is not counted as done. A rep or hold stopped part
        way through is recorded as skipped with the seconds it ran, so that its time under tension is
        what was actually done."""
        events: list[Event] = []
        self._advance(events)
        step = self.current_step
        started = self._state in (EngineState.RUNNING, EngineState.PAUSED)
        if started and step.kind in (StepKind.REP, StepKind.HOLD):
            ran = self.elapsed()
            reps = self.counted_reps() if step.open_ended else None
            events.append(StepCompleted(step, self._step_started_wall, self._wall_now(), True, reps, ran))
        if self._state in (EngineState.RUNNING, EngineState.PAUSED, EngineState.READY):
            self._finish(False, self._clock.monotonic(), events)
        return self._emit(events)

    def follow_run(self, index: int, deadline: Deadline) -> None:
        """The icing step `index`, if still in progress, follows `deadline` from now on: its run's, known
        only once its start was recorded in its turn (the live run it joined may end sooner)."""
        if self._index == index and self._state in (EngineState.RUNNING, EngineState.PAUSED):
            self._deadline, self._follows_run = deadline, True

    # -- inside -------------------------------------------------------------------------------------------

    def _advance(self, events: list[Event], *, cue: bool = False) -> None:
        """Complete the steps whose deadlines passed; only a plain tick also cues (not a key press)."""
        if self._state is EngineState.PAUSED and self._follows_run and self._deadline.expired(self._clock):
            self._end_paused_icing(events)
            return
        if self._state is not EngineState.RUNNING:
            return
        while self._deadline.expired(self._clock):
            ended = self._deadline.ended_at(self._clock)
            step = self.current_step
            reps = self.counted_reps() if step.open_ended else None
            ran = self._step_seconds(step)
            events.append(
                StepCompleted(step, self._step_started_wall, self._wall_at(ended), False, reps, ran)
            )
            if self._index + 1 >= len(self.steps):
                self._finish(True, ended, events)
                return
            if self._deadline.passed_while_asleep(self._clock):
                # A timer ran out while the laptop slept: wait for the person instead of crediting the
                # steps after it as done while nobody was there.
                self._begin_step(self._index + 1, self._clock.monotonic(), events)
                self._paused_remaining = self._step_seconds(self.current_step)
                self._state = EngineState.PAUSED
                events.append(SessionPaused(self.current_step, self._paused_remaining))
                return
            self._begin_step(self._index + 1, ended, events)
        if cue:
            self._cue(events)

    def _end_paused_icing(self, events: list[Event]) -> None:
        """The ice ran its time while the session was paused: the step is done, the next waits, paused."""
        ended = self._deadline.ended_at(self._clock)
        step = self.current_step
        events.append(
            StepCompleted(step, self._step_started_wall, self._wall_at(ended), False, None, step.seconds)
        )
        if self._index + 1 >= len(self.steps):
            self._finish(True, ended, events)
            return
        self._begin_step(self._index + 1, self._clock.monotonic(), events)
        events.append(SessionPaused(self.current_step, self._paused_remaining))

    def _begin_step(self, index: int, at: float, events: list[Event]) -> None:
        self._index = index
        step = self.steps[index]
        seconds = self._step_seconds(step)
        self._step_started_wall = self._wall_at(at)
        run = None
        if step.icing and self.icing_deadline is not None:
            run = self.icing_deadline(index, step, self._step_started_wall)
        self._follows_run = run is not None
        self._deadline = run or Deadline.start(
            self._clock, seconds, at=at, through_sleep=step.uses_wall_clock
        )
        self._last_cue = countdown_from(step) + 1
        self._halfway_done = False
        self._final_seconds_done = False
        self._skin_check_done = False
        self._hold_cues_done = 0
        if self._state is EngineState.PAUSED:
            self._paused_remaining = seconds
        events.append(StepStarted(step, self.next_step))
        if step.kind is StepKind.SWITCH_SIDE and step.side:
            events.append(SideSwitch(step, step.side))

    def _cue(self, events: list[Event]) -> None:
        step = self.current_step
        remaining = self._deadline.remaining(self._clock)
        if step.kind is not StepKind.REP and step.seconds >= COUNTDOWN_MIN_STEP_SECONDS:
            due = math.ceil(remaining)
            if 1 <= due <= countdown_from(step) and due < self._last_cue:
                self._last_cue = due
                events.append(CountdownCue(step, due))
        final_due = step.kind is not StepKind.REP and step.seconds >= FINAL_SECONDS_MIN_STEP_SECONDS
        if final_due and not self._final_seconds_done and remaining <= FINAL_SECONDS:
            self._final_seconds_done = True
            events.append(FinalSecondsCue(step, FINAL_SECONDS))
        is_long = step.kind in (StepKind.HOLD, StepKind.TIMER) and step.seconds >= HALFWAY_MIN_STEP_SECONDS
        if is_long and not self._halfway_done and remaining <= step.seconds / 2:
            self._halfway_done = True
            events.append(HalfwayCue(step))
        skin_check = ICING_SKIN_CHECK_MINUTES * 60
        skin_check_due = step.icing and step.seconds > skin_check and not self._skin_check_done
        if skin_check_due and step.seconds - remaining >= skin_check - 1e-6:
            self._skin_check_done = True
            events.append(SkinCheckCue(step))
        if step.kind is StepKind.REP and step.hold_seconds > 0 and not step.open_ended:
            self._cue_hold(step, step.seconds - remaining, events)

    def _cue_hold(self, step: Step, elapsed: float, events: list[Event]) -> None:
        """The start and the end of the hold inside a rep, each once (a late tick may bring both)."""
        if self._hold_cues_done == 0 and elapsed >= step.hold_starts_after - 1e-6:
            self._hold_cues_done = 1
            events.append(HoldCue(step, starting=True))
        if self._hold_cues_done == 1 and elapsed >= step.hold_ends_after - 1e-6:
            self._hold_cues_done = 2
            events.append(HoldCue(step, starting=False))

    @staticmethod
    def _step_seconds(step: Step) -> float:
        """How long a step runs before it ends by itself: its time, or the cap of a set until tired."""
        return OPEN_ENDED_CAP_SECONDS if step.open_ended else step.seconds

    def _finish(self, completed: bool, at: float, events: list[Event]) -> None:
        self._state = EngineState.FINISHED if completed else EngineState.STOPPED
        events.append(SessionFinished(completed, self._wall_at(at)))

    def _block_end(self, index: int) -> int:
        later = [b for b in self._block_starts if b > index]
        return (later[0] if later else len(self.steps)) - 1

    def _wall_at(self, monotonic: float) -> datetime:
        return self._wall_now() - timedelta(seconds=self._clock.monotonic() - monotonic)

    def _wall_now(self) -> datetime:
        wall, elapsed = self._began
        return wall + timedelta(seconds=self._clock.elapsed() - elapsed)

    def _emit(self, events: list[Event]) -> list[Event]:
        """Hand each event to every listener, in order; one listener failing never stops the others.

        A failure pauses a running session and is handed on as `ListenerFailed`, so that a step the store
        could not write is said in the window instead of vanishing while the session carries on.
        """
        failures: list[Event] = []
        for event in events:
            for listener in self._listeners:
                try:
                    listener(event)
                except Exception as error:  # any listener's failure must reach the person, not end the engine
                    if isinstance(error, NotSavedYetError):  # a busy or full disk: said, no traceback needed
                        log.info("a step could not be saved yet on %s: %s", type(event).__name__, error)
                    else:
                        log.exception("a session listener failed on %s", type(event).__name__)
                    if not isinstance(event, ListenerFailed):  # never report a failure to report one
                        failures.append(ListenerFailed(event, str(error)))
        if failures:
            if self._state is EngineState.RUNNING:
                self._paused_remaining = self._deadline.remaining(self._clock)
                self._state = EngineState.PAUSED
                failures.insert(0, SessionPaused(self.current_step, self._paused_remaining))
            events = events + self._emit(failures)
        return events


def countdown_from(step: Step) -> int:
    """The seconds a step's countdown cues: the last 10 of a run-walk's interval, else the last 3."""
    return INTERVAL_COUNTDOWN_FROM if step.kind.is_interval else COUNTDOWN_FROM


def resume_point(steps: tuple[Step, ...], done: list[int]) -> int | None:
    """Where to carry on a session that died after finishing the steps `done`; None if nothing is left.

    It carries on at the start of the interrupted block, after its lead-in (get ready, rest or switch side),
    so nobody is dropped into rep 6 of 12 cold; reps done again simply replace their earlier record.
    """
    following = max(done) + 1 if done else 0
    if following >= len(steps):
        return None
    start = max(b for b in _block_starts(steps) if b <= following)
    if start > 0 and steps[start].kind.is_work and not steps[start - 1].kind.is_work:
        start -= 1
    return start


def _block_starts(steps: tuple[Step, ...]) -> list[int]:
    """Indexes where a block begins: the reps of one set on one side form a block, any other step is one."""
    starts = []
    for index, step in enumerate(steps):
        previous = steps[index - 1] if index else None
        same_block = (
            previous is not None
            and step.kind is StepKind.REP
            and previous.kind is StepKind.REP
            and (previous.exercise_id, previous.set_number, previous.side)
            == (step.exercise_id, step.set_number, step.side)
        )
        if not same_block:
            starts.append(index)
    return starts
