"""Back to running: the runners' pain rule's numbers and sentences, each with its source (docs/clinical.md,
"Back to running").

The rule is the pain-monitoring model (Silbernagel KG et al., Am J Sports Med 2007;35(6):897–906) as
return-to-run programmes apply it: pain during a run at most a low limit (3/10 in Louw M, "How to return
to running after injury", sports-injury-physio.com), settled after the run and by the next morning; a stage
repeated, or gone back to, when it was not (The Physio Bot, "Run/Walk Programme").
"""

from __future__ import annotations

from coach.core.i18n import N_, _

# The limit during a run, when the plan's sheet gives none: "more than a 3/10 discomfort during the run
# periods, stop" (Louw). A sheet's own `pain_limit` (0–5) replaces it.
RUN_PAIN_LIMIT = 3
# Good runs at a stage before the next one (ours: as the pain rule's two sessions; Louw moves up after one
# good session, The Physio Bot says most people repeat stages, so two is the careful side of both).
GOOD_RUNS_TO_MOVE_UP = 2
# A guided run counts as done in full when it ran at least this share of its stage's time (ours: a stop a
# few seconds early is still the stage done; one stopped halfway is not).
DONE_IN_FULL_SHARE = 0.9
# The metronome's range (ours): running step rates of about 150 to 190 a minute, with room either side;
# a step rate 5–10 % above the person's own lowers the load on the knee (Heiderscheit BC et al., Med Sci
# Sports Exerc 2011;43(2):296–302), so the number is the person's own, from their physiotherapist.
CADENCE_BPM_RANGE = (120.0, 220.0)

MOVE_UP = N_(
    "Two runs in a row with pain within {limit} during, settled within an hour and by the next morning."
)
MOVE_BACK = N_(
    "Pain went above {limit} during the last run, or had not settled within an hour or by the next morning: "
    "go back a stage."
)
HOLD_FOR_ANSWERS = N_("Answer the pain questions of your last run (after an hour, the next morning) first.")
HOLD_ONE_MORE = N_("One more run like the last with pain within {limit} and settled, then the next stage.")
HOLD_NOT_IN_FULL = N_("The last run was not done in full: repeat the stage.")
HOLD_AT_TOP = N_("You are at the plan's last stage: keep it, and ask your physiotherapist what comes next.")
AT_THE_START = N_("No runs yet: start at the plan's first stage.")
# Said before a session of a routine whose `requires` Rehab Coach has not seen met; never a block (the person
# may have done the stage before Rehab Coach, or with their physiotherapist).
REQUIREMENT_NOT_SEEN = N_(
    "Rehab Coach has not yet seen {stage} going well (two sessions in a row with pain at most {pain} that "
    "settled by the next morning): start this once your physiotherapist agrees."
)


def next_run_sentence(description: str) -> str:
    """The one sentence that says the next run, e.g. 'Next run: 2 min run, 1 min walk, 8 times.'"""
    return _("Next run: {run}.").format(run=description)
