"""Run files written in the tests, as a watch or a running app would: a GPX track, a TCX activity, and a FIT
file crafted byte by byte (fitdecode only reads), each with a known start, length, distance and cadence."""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path

START = datetime(2026, 3, 3, 7, 10, tzinfo=UTC)


def gpx_text(
    *, minutes: int = 30, km: float = 5.0, sport: str = "running", cadence: int | None = 84, points: int = 31
) -> str:
    """A GPX track of `points` points due north from 51.5 N, evenly spaced over `minutes` and `km`."""
    step_deg = km / 111.195 / (points - 1)  # degrees of latitude per point (a degree is 111.195 km)
    rows = []
    for index in range(points):
        at = START + timedelta(minutes=minutes * index / (points - 1))
        extension = (
            "<extensions><gpxtpx:TrackPointExtension>"
            f"<gpxtpx:cad>{cadence}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions>"
            if cadence is not None
            else ""
        )
        rows.append(
            f'<trkpt lat="{51.5 + index * step_deg:.7f}" lon="-0.1"><ele>20</ele>'
            f"<time>{at:%Y-%m-%dT%H:%M:%SZ}</time>{extension}</trkpt>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="a watch" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        f"<trk><name>Morning run</name><type>{sport}</type><trkseg>\n"
        + "\n".join(rows)
        + "\n</trkseg></trk>\n</gpx>\n"
    )


def tcx_text(*, minutes: int = 32, km: float = 5.2, sport: str = "Running", cadence: int | None = 86) -> str:
    """A TCX activity with one lap and a point each minute."""
    points = []
    for minute in range(minutes + 1):
        extension = (
            f"<Extensions><ns3:TPX><ns3:RunCadence>{cadence}</ns3:RunCadence></ns3:TPX></Extensions>"
            if cadence is not None
            else ""
        )
        points.append(
            f"<Trackpoint><Time>{START + timedelta(minutes=minute):%Y-%m-%dT%H:%M:%S.000Z}</Time>"
            f"<DistanceMeters>{km * 1000 * minute / minutes:.1f}</DistanceMeters>{extension}</Trackpoint>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" '
        'xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">\n'
        f'<Activities><Activity Sport="{sport}"><Id>{START:%Y-%m-%dT%H:%M:%S.000Z}</Id>\n'
        f'<Lap StartTime="{START:%Y-%m-%dT%H:%M:%S.000Z}">'
        f"<TotalTimeSeconds>{minutes * 60 - 60}</TotalTimeSeconds>"
        f"<DistanceMeters>{km * 1000:.1f}</DistanceMeters><Intensity>Active</Intensity>"
        "<TriggerMethod>Manual</TriggerMethod>\n<Track>" + "".join(points) + "</Track></Lap>\n"
        "</Activity></Activities>\n</TrainingCenterDatabase>\n"
    )


# The FIT SDK's CRC-16 (its "FIT File Protocol" document gives this table and loop).
_CRC_TABLE = (0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
              0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400)  # fmt: skip


def fit_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = _CRC_TABLE[crc & 0xF]
            crc = (crc >> 4) & 0x0FFF
            crc = crc ^ tmp ^ _CRC_TABLE[nibble]
    return crc


_FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
_ENUM, _UINT8, _UINT16, _UINT32 = 0x00, 0x02, 0x84, 0x86


def _message(local: int, global_number: int, fields: list[tuple[int, int, int]]) -> bytes:
    """A definition (little-endian) and one data message; `fields`: (field number, base type, value)."""
    sizes = {_ENUM: 1, _UINT8: 1, _UINT16: 2, _UINT32: 4}
    formats = {_ENUM: "B", _UINT8: "B", _UINT16: "H", _UINT32: "I"}
    definition = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_number, len(fields))
    definition += b"".join(struct.pack("<BBB", number, sizes[kind], kind) for number, kind, _ in fields)
    data = struct.pack("<B", local) + b"".join(struct.pack("<" + formats[k], v) for _, k, v in fields)
    return definition + data


def fit_bytes(
    *, minutes: float = 31, km: float = 5.1, sport: int = 1, cadence: int = 85, file_type: int = 4
) -> bytes:
    """A FIT activity file: file_id, one record, and a session (sport 1 running, 2 cycling)."""
    start = int((START - _FIT_EPOCH).total_seconds())
    end = start + int(minutes * 60)
    body = _message(0, 0, [(0, _ENUM, file_type), (4, _UINT32, start)])
    body += _message(1, 20, [(253, _UINT32, start), (5, _UINT32, 0), (4, _UINT8, cadence)])
    body += _message(
        2,
        18,
        [
            (253, _UINT32, end),
            (2, _UINT32, start),
            (7, _UINT32, int(minutes * 60 * 1000)),
            (8, _UINT32, int((minutes - 1) * 60 * 1000)),
            (9, _UINT32, int(km * 1000 * 100)),
            (5, _ENUM, sport),
            (18, _UINT8, cadence),
        ],
    )
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    whole = header + body
    return whole + struct.pack("<H", fit_crc(whole))


def write_run_file(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path
