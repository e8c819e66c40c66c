"""Passwords are hashed with Argon2id at OWASP's parameters (accounts/hashers.py)."""

from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.test import override_settings

import gemeinwerk.settings as production
from accounts.hashers import Argon2idHasher

OURS = ["accounts.hashers.Argon2idHasher"]


def test_production_hashes_with_owasp_argon2id():
    assert production.PASSWORD_HASHERS[0] == "accounts.hashers.Argon2idHasher"
    encoded = Argon2idHasher().encode("geheim-genug", "saltsaltsalt")
    # OWASP Password Storage Cheat Sheet: Argon2id, m=19 MiB, t=2, p=1.
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


@override_settings(PASSWORD_HASHERS=OURS)
def test_hashes_with_django_default_parameters_verify_and_are_rehashed():
    old = Argon2PasswordHasher().encode("geheim-genug", "saltsaltsalt")
    assert "m=102400,t=2,p=8" in old
    rehashed = []
    assert check_password("geheim-genug", old, setter=rehashed.append)
    assert rehashed == ["geheim-genug"]  # Django's setter receives the raw password
    assert not check_password("falsch", old)
    new = make_password("geheim-genug")
    assert "m=19456,t=2,p=1" in new
    assert check_password("geheim-genug", new, setter=rehashed.append)
    assert rehashed == ["geheim-genug"]  # current parameters: no second rehash
