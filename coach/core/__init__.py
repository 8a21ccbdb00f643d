"""The Qt-free core of Rehab Coach: routines, the session engine, the adherence store and statistics."""
