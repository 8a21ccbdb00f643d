from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from coach.core.digest import sha256_hex


@given(st.binary(max_size=4096))
def test_the_digest_is_hashlibs_sha256(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
