"""The clinical sources Rehab Coach's rules and routines stand on, as the About dialog and report cite them.

The same references as the team's CLINICAL notes; each routine file also names its own.
"""

from __future__ import annotations

NOT_A_CLINICIAN = "Rehab Coach is not a substitute for a clinician."

CLINICAL_SOURCES = (
    "Willy RW et al. Patellofemoral pain: clinical practice guidelines. J Orthop Sports Phys Ther "
    "2019;49(9):CPG1-95.",
    "Crossley KM et al. 2016 Patellofemoral pain consensus statement, part 2. Br J Sports Med "
    "2016;50(14):844-852.",
    "Collins NJ et al. 2018 consensus on exercise therapy for patellofemoral pain. Br J Sports Med "
    "2018;52(18):1170-1178.",
    "Thomeé R. A comprehensive treatment approach for patellofemoral pain syndrome (the pain-monitoring "
    "model). Phys Ther 1997;77(12):1690-1703.",
    "Silbernagel KG et al. Continued sports activity, using a pain-monitoring model. Am J Sports Med "
    "2007;35(6):897-906.",
    "Bassett FH et al. Cryotherapy-induced nerve injury. Am J Sports Med 1992;20(5):516-518 (the 20-minute "
    "icing cap).",
    "Lake DA, Wofford NH. Effect of therapeutic modalities on patients with patellofemoral pain syndrome. "
    "Sports Health 2011;3(2):182-189.",
)
