"""Password hashing: Argon2id with the parameters OWASP recommends, not Django's heavier default.

Django's Argon2PasswordHasher asks for 100 MiB, 2 passes and 8 lanes: 0.2-0.3 s of CPU per
login, which on a 2-core server makes a wave of people logging in (a meeting starting) queue
every other request behind it (make load, README "Load test"). The OWASP Password Storage Cheat
Sheet recommends Argon2id with at least 19 MiB of memory, 2 iterations and 1 degree of
parallelism (m=19456, t=2, p=1) — its first configuration, used here: about 40 ms of CPU.
The algorithm's name stays "argon2", so hashes made with other parameters still verify and
are rehashed with these at the next login (Django's must_update).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id, m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet)."""

    memory_cost = 19456  # KiB = 19 MiB
    time_cost = 2
    parallelism = 1
