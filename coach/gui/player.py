"""The guided player: what to do now, how long is left, which side and set, and what comes next.

Readable from a mat two metres away: the countdown scales with the window, the keys are single presses
(Space, →, ←, Esc, M). The player only adapts engine events to widgets, sounds and speech; the wording
comes from `coach.core.session.cues`.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.core.i18n import _
from coach.core.operations.icing_steps import ICE_PACK_PICTURE, IcingSteps
from coach.core.routines.model import Exercise, Routine, StepKind
from coach.core.session import cues
from coach.core.session.engine import EngineState, SessionEngine
from coach.core.session.events import Event, ListenerFailed, SessionFinished, SessionResumed
from coach.gui import style
from coach.gui.metronome import MetronomeDriver
from coach.gui.player_widgets import CountdownLabel, Illustration
from coach.services.screen_reader import Announcer, NullAnnouncer
from coach.services.sound import SoundPlayer, silence_reason
from coach.services.voice import Voice

# The player's text grows with the window (the countdown fits itself separately): 1.0 at this size, in
# device-independent pixels, about the player's room in a 1366×768 laptop's window; never below or above
# these factors, so a netbook still fits everything and a big screen does not turn text into posters.
_TEXT_AT = QSize(1100, 620)
# The bundled pictures show the left side working (assets/README.md); the right side draws them mirrored.
MIRRORED_SIDE = "right"
# The set line ("Set 2 of 3 · Left side · Rep 4 of 12") is read from the mat: larger than the exercise's name.
SET_LINE = style.TITLE * 1.25
_TEXT_SCALE_RANGE = (0.85, 2.0)
# Running text (instructions, next up) grows less: more of it must fit.
_RUNNING_TEXT_MAX_SCALE = 1.3


class PlayerView(QWidget):
    """Walks the person through a session on `engine`; emits `finished(completed)` at the end."""

    finished = Signal(bool)

    def __init__(
        self,
        routine: Routine,
        engine: SessionEngine,
        *,
        placeholder: Path,
        sound: SoundPlayer,
        voice: Voice,
        announcer: Announcer | None = None,
        beeps: bool = True,
        speak: bool = True,
        voice_note: str | None = None,
        icing: IcingSteps | None = None,
    ) -> None:
        """`voice_note` is why spoken cues were asked for but cannot be heard; the player shows it.

        `icing` records the routine's icing steps as icing runs; the player shows its advice and warnings.
        `announcer` tells a screen reader what matters (`cues.for_screen_reader`), muted or not.
        """
        super().__init__()
        self.routine = routine
        self.engine = engine
        self.sound = sound
        self.voice = voice
        self.announcer: Announcer = announcer or NullAnnouncer()
        self.beeps = beeps
        self.speak = speak
        self.muted = False
        self._placeholder = placeholder
        self._icing = icing
        # An icing step without a picture of its own shows the ice pack, not the standing figure.
        self._ice_pack = placeholder.with_name(ICE_PACK_PICTURE)
        self._exercises: dict[str, Exercise] = {e.id: e for e in routine.exercises}
        self._completed = False
        self.confirming = False  # Esc was pressed once: Esc again stops, Space carries on
        self._paused_to_ask = False
        self.problem = ""  # why the session paused itself (a step could not be saved), shown until resumed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)
        # A run-walk with a cadence clicks through its running intervals; M then silences the clicks only
        # (the RUN and WALK cues are what a runner must not miss).
        self.metronome = MetronomeDriver(engine, sound, self)
        self.has_metronome = beeps and any(e.cadence_bpm for e in routine.exercises)
        self._desktop_points = self.font().pointSizeF()
        self._text_scale = 1.0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Guided session: {title}").format(title=routine.title))
        self._build()
        self._voice_reason = voice_note
        self._show_voice_note()
        engine.subscribe(self._on_event)

    def _show_voice_note(self) -> None:
        """Why spoken cues cannot be heard, and what still guides: beeps only while they can play."""
        if not self._voice_reason:
            return
        still = (
            _("Beeps and the screen still guide you.") if self.beeps else _("The screen still guides you.")
        )
        self.voice_note.setText(
            _("No spoken cues: {reason}.").format(reason=self._voice_reason) + " " + still
        )
        self.voice_note.show()

    # -- building ----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self._build_labels()
        self._scaled_text: list[tuple[QLabel, float, float]] = [
            (self.headline, style.TITLE, _TEXT_SCALE_RANGE[1]),
            (self.position_label, SET_LINE, _TEXT_SCALE_RANGE[1]),
            (self.state_label, style.SUBTITLE, _TEXT_SCALE_RANGE[1]),
            (self.phase_label, style.HEADING, _TEXT_SCALE_RANGE[1]),
            (self.side_label, style.TITLE * 1.5, _TEXT_SCALE_RANGE[1]),
            (self.countdown_caption, style.SUBTITLE, _TEXT_SCALE_RANGE[1]),
            (self.rep_moment_label, style.TITLE, _TEXT_SCALE_RANGE[1]),
            (self.instructions, style.LEAD, _RUNNING_TEXT_MAX_SCALE),
            (self.next_label, style.SUBTITLE, _RUNNING_TEXT_MAX_SCALE),
        ]
        self._build_controls()
        self._build_confirmation()
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(self.headline)
        words.addWidget(self.position_label)
        words.addWidget(self.state_label)
        badges = QVBoxLayout()
        badges.setSpacing(4)
        badges.addWidget(self.phase_label, 0, Qt.AlignmentFlag.AlignRight)
        badges.addWidget(self.side_label, 0, Qt.AlignmentFlag.AlignRight)
        badges.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(words, 1)
        top.addLayout(badges)
        clock_column = QVBoxLayout()
        clock_column.setSpacing(0)
        clock_column.addWidget(self.countdown, 3)  # the digits sit on the caption, not far above it
        clock_column.addWidget(self.countdown_caption)
        clock_column.addWidget(self.rep_moment_label, 1)
        middle = QHBoxLayout()
        middle.setSpacing(style.MARGIN)
        middle.addWidget(self.illustration, 1)
        middle.addLayout(clock_column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.SPACING, style.MARGIN, style.SPACING)
        layout.setSpacing(style.SPACING)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.instructions)
        layout.addWidget(self.next_label)
        layout.addWidget(self.voice_note)
        layout.addWidget(self.progress)
        layout.addWidget(self.confirm_bar)
        layout.addLayout(self.controls)

    def _build_labels(self) -> None:
        self.headline = QLabel()
        style.plain(self.headline)
        self.headline.setAccessibleName(_("Exercise"))
        style.scale_font(self.headline, style.TITLE, bold=True)
        self.position_label = QLabel()
        style.plain(self.position_label)
        self.position_label.setAccessibleName(_("Set, side and rep"))
        style.scale_font(self.position_label, SET_LINE, bold=True)
        self.state_label = QLabel()
        self.state_label.setAccessibleName(_("Session state"))
        style.scale_font(self.state_label, style.SUBTITLE, bold=True)
        style.plain(self.state_label)
        # Work, rest and the side switch differ by a word and a filled or outlined badge, not colour alone.
        self.phase_label = QLabel()
        self.phase_label.setAccessibleName(_("Now"))
        self.phase_label.setAutoFillBackground(True)
        self.phase_label.setFrameShape(QFrame.Shape.Box)
        self.phase_label.setMargin(6)
        style.scale_font(self.phase_label, style.HEADING, bold=True)
        self.side_label = QLabel()
        self.side_label.setAccessibleName(_("Side"))
        style.plain(self.side_label, wrap=False)
        style.scale_font(self.side_label, style.TITLE * 1.5, bold=True)
        self.countdown = CountdownLabel()
        self.countdown.setAccessibleName(_("Seconds left"))
        self.countdown_caption = QLabel()
        self.countdown_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        style.scale_font(self.countdown_caption, style.SUBTITLE)
        # Inside a rep with a hold: "lift – HOLD 5 – lower", the part to do now in capitals.
        self.rep_moment_label = QLabel()
        self.rep_moment_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.rep_moment_label.setAccessibleName(_("Lift, hold, lower"))
        style.scale_font(self.rep_moment_label, style.TITLE, bold=True)
        self.illustration = Illustration(self._placeholder)
        self.illustration.setAccessibleName(_("Illustration"))
        self.instructions = QLabel()
        style.plain(self.instructions)
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.instructions.setAccessibleName(_("Instructions"))
        style.scale_font(self.instructions, style.LEAD)
        self.next_label = QLabel()
        style.plain(self.next_label)
        self.next_label.setAccessibleName(_("Next up"))
        style.scale_font(self.next_label, style.SUBTITLE)
        self.voice_note = QLabel()
        self.voice_note.setTextFormat(Qt.TextFormat.PlainText)
        self.voice_note.setWordWrap(True)
        self.voice_note.setAccessibleName(_("Spoken cues"))
        self.voice_note.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(_("Progress through the session"))

    def _build_controls(self) -> None:
        self.back_action = self._key_action(_("Back"), Qt.Key.Key_Left, self._on_back)
        self.pause_action = self._key_action(_("Pause"), Qt.Key.Key_Space, self._on_toggle_pause)
        self.skip_action = self._key_action(_("Skip"), Qt.Key.Key_Right, self._on_skip)
        self.mute_action = self._key_action(self._mute_text(), Qt.Key.Key_M, self._on_toggle_mute)
        self.stop_action = self._key_action(_("Stop"), Qt.Key.Key_Escape, self.ask_to_stop)
        self.controls = QHBoxLayout()
        self.controls.setSpacing(8)
        self.buttons: dict[QAction, QPushButton] = {}
        for action in (self.back_action, self.pause_action, self.skip_action, self.mute_action):
            self.controls.addWidget(self._button(action))
        self.controls.addStretch(1)
        self.controls.addWidget(self._button(self.stop_action))

    def _build_confirmation(self) -> None:
        """Asked in the page, not in a dialog, so that the player's own keys cannot press its buttons."""
        self.confirm_bar = QFrame()
        self.confirm_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.confirm_bar.setAccessibleName(_("Stop this session?"))
        question = QLabel(
            _("Stop this session? Everything you have done is saved; it counts as stopped early.")
        )
        question.setWordWrap(True)
        style.scale_font(question, style.SUBTITLE, bold=True)
        self.stop_button = QPushButton(_("Stop and save  [Esc]"))
        self.stop_button.clicked.connect(self.stop_now)
        self.keep_going_button = QPushButton(_("Keep going  [Space]"))
        self.keep_going_button.clicked.connect(self.keep_going)
        row = QHBoxLayout(self.confirm_bar)
        row.addWidget(question, 1)
        for button in (self.keep_going_button, self.stop_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(40)
            row.addWidget(button)
        self.confirm_bar.hide()

    def _key_action(self, text: str, key: Qt.Key, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setAutoRepeat(False)  # a held key is one press, never a run of skips through the session
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QPushButton:
        shortcut = action.shortcut()
        key = shortcut.toString(QKeySequence.SequenceFormat.NativeText)  # in the language of Qt's words
        button = QPushButton()
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the player, not to a button
        button.clicked.connect(action.trigger)
        button.setMinimumHeight(40)

        def show_action() -> None:
            button.setText(f"{action.text()}  [{_key_name(shortcut, key)}]")
            button.setAccessibleName(action.text())
            button.setAccessibleDescription(_("Key: {key}").format(key=key))

        action.changed.connect(show_action)
        show_action()
        self.buttons[action] = button
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        low, high = _TEXT_SCALE_RANGE
        by_size = min(self.width() / _TEXT_AT.width(), self.height() / _TEXT_AT.height())
        scale = round(min(high, max(low, by_size)), 2)
        if scale != self._text_scale:
            self._scale_text(scale)

    def _scale_text(self, scale: float) -> None:
        """Set each label to its step of the type scale times `scale` (capped for running text)."""
        self._text_scale = scale
        for label, step, cap in self._scaled_text:
            font = label.font()
            font.setPointSizeF(self._desktop_points * step * min(scale, cap))
            label.setFont(font)

    @property
    def text_scale(self) -> float:
        """How much larger than the type scale the player's text is drawn, for the window's size."""
        return self._text_scale

    # -- driving -----------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the session (or carry on a resumed one) and the display."""
        self.setFocus()
        self.engine.start()
        self._refresh()

    def tick(self) -> None:
        """Let the engine catch up with the clock, then redraw; the QTimer calls this once a second."""
        try:
            if self.engine.state in (EngineState.RUNNING, EngineState.PAUSED):
                self.engine.tick()
        finally:
            # Even if recording a step failed, the display and the next wake-up carry on.
            self._refresh()

    def press(self, key: Qt.Key) -> None:
        """A player key pressed in another window of the app (the icing window): act as if pressed here."""
        for action in self.actions():
            if action.shortcut() == QKeySequence(key):
                action.trigger()

    def ask_to_stop(self) -> None:
        """Esc: pause and ask, in the page; Esc again stops (what was done is kept either way)."""
        if self.engine.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return
        if self.confirming:
            self.stop_now()
            return
        if self.engine.state is EngineState.RUNNING:
            self.engine.pause()
            self._paused_to_ask = True
        self.confirming = True
        self._refresh()

    def stop_now(self) -> None:
        """End the session early; it is saved as stopped."""
        self.confirming = False
        if self.engine.state in (EngineState.RUNNING, EngineState.PAUSED):
            self.engine.stop()
        self._refresh()

    def keep_going(self) -> None:
        """Answer 'no' to the stop question: carry on as before it was asked."""
        self.confirming = False
        if self._paused_to_ask and self.engine.state is EngineState.PAUSED:
            self.engine.resume()
        self._paused_to_ask = False
        self._refresh()

    def _on_toggle_pause(self) -> None:
        if self.confirming:
            self.keep_going()
        elif self.engine.state in (EngineState.RUNNING, EngineState.PAUSED):
            self.engine.toggle_pause()
            self._refresh()

    def _on_skip(self) -> None:
        if not self.confirming and self.engine.state in (EngineState.RUNNING, EngineState.PAUSED):
            self.engine.skip()
            self._refresh()

    def _on_back(self) -> None:
        if not self.confirming and self.engine.state in (EngineState.RUNNING, EngineState.PAUSED):
            self.engine.back()
            self._refresh()

    def _on_toggle_mute(self) -> None:
        if self.has_metronome:
            self.metronome.set_muted(not self.metronome.muted)
        else:
            self.muted = not self.muted
            if self.muted:
                self.voice.stop()
        self.mute_action.setText(self._mute_text())

    def _mute_text(self) -> str:
        if self.has_metronome:
            return _("Unmute metronome") if self.metronome.muted else _("Mute metronome")
        return _("Unmute") if self.muted else _("Mute")

    # -- showing -----------------------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        said = cues.announce(event, self.engine.next_block)
        if said.sound is not None and self.beeps and not self.muted:
            self.sound.play(said.sound)
            if silence_reason(self.sound) is not None:
                # The first cue found that no sound can play here: stop claiming beeps from now on.
                self.beeps = False
                self._show_voice_note()
        if said.speech and self.speak and not self.muted:
            self.voice.say(said.speech)
        if (for_reader := cues.for_screen_reader(event, self.engine.next_block)) is not None:
            self.announcer.announce(self, for_reader)
        if isinstance(event, ListenerFailed | SessionResumed):
            self.problem = self._said_problem(event)
        if isinstance(event, SessionFinished):
            self._timer.stop()
            self._completed = event.completed
            QTimer.singleShot(0, self, self._emit_finished)  # cancelled if the player is gone by then

    def _said_problem(self, event: ListenerFailed | SessionResumed) -> str:
        if isinstance(event, SessionResumed):
            return ""
        return (
            _("Paused: this step could not be saved yet ({reason}).").format(reason=event.reason)
            + " "
            + _("Press Space to carry on; it is saved with the next one.")
        )

    def _emit_finished(self) -> None:
        self.finished.emit(self._completed)

    def _refresh(self) -> None:
        engine = self.engine
        if self.has_metronome:
            self.metronome.follow()
        if engine.state in (EngineState.FINISHED, EngineState.STOPPED):
            self.progress.setValue(1000 if engine.state is EngineState.FINISHED else self.progress.value())
            return
        step = engine.current_step
        upcoming = engine.next_block
        self.headline.setText(cues.headline(step))
        self.position_label.setText(cues.position(step))
        block_left = engine.block_remaining()
        moment = cues.rep_moment(step, step.seconds - engine.remaining())
        if moment is not None and moment.word == "hold":  # the hold's seconds, as large as the rep count
            self.countdown.setText(str(moment.hold_left))
            self.countdown.setAccessibleName(_("Seconds to hold"))
            self.countdown_caption.setText(cues.hold_caption(step))
        else:
            self.countdown.setText(cues.big_number(step, block_left))
            self.countdown.setAccessibleName(_("Rep") if step.kind is StepKind.REP else _("Seconds left"))
            self.countdown_caption.setText(cues.big_number_caption(step, block_left))
        self.rep_moment_label.setText(moment.line() if moment else "")
        self.rep_moment_label.setVisible(moment is not None)
        shown, pictured = self._exercises.get(step.exercise_id), step
        if step.kind is StepKind.REST and upcoming is not None:
            shown = self._exercises.get(upcoming.exercise_id, shown)
            pictured = upcoming
        image = shown.image if shown else None
        self.illustration.show_image(
            self._ice_pack if step.icing and image is None else image,
            name=shown.name if shown else "",
            mirrored=pictured.side == MIRRORED_SIDE,  # the pictures show the left side working
        )
        lines = list(shown.directions) if shown else []
        if self._icing is not None:
            lines += self._icing.advice(step)
        self.instructions.setText("\n".join(f"• {line}" for line in lines))
        self.next_label.setText(_("Next up: {next}").format(next=cues.next_up(upcoming)))
        self.progress.setValue(round(engine.progress() * 1000))
        minutes_left = math.ceil(engine.session_remaining() / 60)
        self.progress.setFormat(_("About {minutes} min left").format(minutes=minutes_left))
        paused = engine.state is EngineState.PAUSED
        self._show_phase(cues.phase(step, paused=paused), step.kind, paused=paused)
        self.side_label.setText(cues.side_word(step))
        self.side_label.setVisible(bool(step.side) and step.kind is not StepKind.REST)
        # Paused is unmistakable: the frozen number greys out and the badge says PAUSED.
        self.countdown.setForegroundRole(
            QPalette.ColorRole.PlaceholderText if paused else QPalette.ColorRole.WindowText
        )
        self.state_label.setText(self.problem or (_("Paused — press Space to carry on") if paused else ""))
        self.state_label.setVisible(bool(self.problem) or (paused and not self.confirming))
        self.confirm_bar.setVisible(self.confirming)
        self.pause_action.setText(_("Resume") if paused else _("Pause"))
        self._schedule()

    def _show_phase(self, word: str, kind: StepKind, *, paused: bool) -> None:
        self.phase_label.setText(word)
        working = kind in (StepKind.REP, StepKind.HOLD, StepKind.TIMER, StepKind.RUN) and not paused
        # Work (and RUN) is a filled badge in the highlight; rest, the switch, WALK and a pause are outlined.
        background = QPalette.ColorRole.Highlight if working else QPalette.ColorRole.Window
        foreground = QPalette.ColorRole.HighlightedText if working else QPalette.ColorRole.WindowText
        self.phase_label.setBackgroundRole(background)
        self.phase_label.setForegroundRole(foreground)
        self.phase_label.setFrameShape(QFrame.Shape.NoFrame if working else QFrame.Shape.Box)

    def _schedule(self) -> None:
        """Wake when the shown second changes (aligned to it), not many times a second."""
        if self.engine.state is not EngineState.RUNNING:
            self._timer.stop()
            return
        remaining = self.engine.block_remaining()  # what the countdown shows
        until_change = remaining - math.ceil(remaining - 1e-9) + 1
        step = self.engine.current_step
        moment = cues.rep_moment(step, step.seconds - self.engine.remaining())
        if moment is not None:  # the hold's own seconds, and its start and end, are cued on time
            until_change = min(until_change, moment.until_change)
        self._timer.start(max(20, math.ceil(until_change * 1000) + 5))

    @property
    def timer_interval_ms(self) -> int:
        """How long until the next wake-up (for tests of the frugal timer)."""
        return self._timer.interval() if self._timer.isActive() else -1


def _key_name(shortcut: QKeySequence, name: str) -> str:
    """The key as its button shows it: the arrow keys as arrows (in German "Links" would read as the left
    side), any other by its name."""
    arrows = {Qt.Key.Key_Left: "←", Qt.Key.Key_Right: "→"}
    return next((arrow for key, arrow in arrows.items() if shortcut == QKeySequence(key)), name)
