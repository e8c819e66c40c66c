"""Settings for the test suite: production settings with a throwaway key and fast hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from gemeinwerk.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the apps directly, as in development (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Uploads of one test run go to a directory of their own.
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"gemeinwerk-media-{os.getpid()}"

# A real SQLite file in WAL mode, as in production: the in-memory test database uses table
# locks that ignore the busy timeout, which would hide how concurrent writers really behave.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"gemeinwerk-test-{os.getpid()}.sqlite3")
    }
