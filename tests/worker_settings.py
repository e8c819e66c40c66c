"""Settings of a `db_worker` process started by a test (tests/test_worker_kill.py): the test's
own database (named in GW_WORKER_DB), mails written to files in GW_MAIL_DIR."""

import os

from gemeinwerk.test_settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["GW_WORKER_DB"]  # noqa: F405
EMAIL_BACKEND = "tests.mailbox.SlowFileBackend"
EMAIL_FILE_PATH = os.environ["GW_MAIL_DIR"]
TEST_MAIL_DELAY = float(os.environ.get("GW_MAIL_DELAY", "0.02"))
TASK_WORKER_TIMEOUT = float(os.environ.get("TASK_WORKER_TIMEOUT", "2"))
