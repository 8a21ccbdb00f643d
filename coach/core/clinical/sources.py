"""The clinical sources Rehab Coach's rules and routines stand on, as the About dialog and report cite them.

The same references as docs/clinical.md (every rule with its source and where it lives); each routine
file also names its own.
"""

from __future__ import annotations

from coach.core.i18n import N_

NOT_A_CLINICIAN = N_("Rehab Coach is not a substitute for a clinician.")  # translated where shown

CLINICAL_SOURCES = (
    "Willy RW et al. Patellofemoral pain: clinical practice guidelines. J Orthop Sports Phys Ther "
    "2019;49(9):CPG1-95.",
    "Crossley KM et al. 2016 Patellofemoral pain consensus statement, part 2. Br J Sports Med "
    "2016;50(14):844-852.",
    "Collins NJ et al. 2018 consensus on exercise therapy for patellofemoral pain. Br J Sports Med "
    "2018;52(18):1170-1178.",
    "Crossley KM et al. Physical therapy for patellofemoral pain. Am J Sports Med 2002;30(6):857-865 "
    "(step-downs, as tabled in Vicenzino B et al., BMC Musculoskelet Disord 2008;9:27, Table 1).",
    "Esculier JF et al. Is combining gait retraining or an exercise programme with education better than "
    "education alone in treating runners with patellofemoral pain? Br J Sports Med 2018;52(10):659.",
    "Silbernagel KG et al. Continued sports activity, using a pain-monitoring model. Am J Sports Med "
    "2007;35(6):897-906 (the pain-monitoring model physiotherapists use for patellofemoral pain).",
    "Moeller JL et al. Cryotherapy-induced common peroneal nerve palsy. Clin J Sport Med 1997;7(3):212-216.",
    "NHS patient leaflets on icing (Northern Care Alliance NHS; Leeds Community Healthcare NHS): 10-15 "
    "minutes, the skin checked after 5 (the 20-minute cap is the first-aid upper limit).",
    "NHS knee red flags (NHS Gloucestershire; NHS Greater Glasgow and Clyde): the warning signs.",
    "Lake DA, Wofford NH. Effect of therapeutic modalities on patients with patellofemoral pain syndrome. "
    "Sports Health 2011;3(2):182-189.",
)
