"""The coordination's list of undelivered mails reads the mails the worker gave up on, not
every mail the co-production ever queued: its queries and its plan stay the same however many
mails were delivered (at the bench's xl level 25,620 mails cost 111 ms of SQL per visit of the
members page while they were joined to their tasks)."""

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import viewer_of
from tests.migrations import migrate  # noqa: F401
from workspaces import selectors
from workspaces.models import Mailing
from workspaces.notify import enqueue_mail, send_message

from ..tasks import run_due_tasks

pytestmark = pytest.mark.django_db


def queue_news(coproduction, n: int) -> None:
    with transaction.atomic():
        for i in range(n):
            enqueue_mail(
                send_message,
                {
                    "subject": f"Neuigkeiten {i}",
                    "body": "…",
                    "from_email": None,
                    "to": [f"person-{i}@example.org"],
                    "html": "",
                },
                about=coproduction,
                kind="Neuigkeiten",
                link=f"/werkstatt/{coproduction.slug}/",
            )


def deliver_news(coproduction, n: int) -> None:
    queue_news(coproduction, n)
    run_due_tasks(may_fail=True)  # the mail given up stays FAILED beside these
    assert Mailing.objects.filter(task__status="SUCCESSFUL").count() >= n


def give_up_news(coproduction, settings) -> None:
    """One mail the worker tries once against a port where nobody listens, and gives up."""
    queue_news(coproduction, 1)
    backend, attempts = settings.EMAIL_BACKEND, settings.TASK_ATTEMPTS
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5
    settings.TASK_ATTEMPTS = 1
    run_due_tasks(may_fail=True)
    settings.EMAIL_BACKEND, settings.TASK_ATTEMPTS = backend, attempts


def lookup_queries(viewer) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        mails = selectors.undelivered_mails(viewer)
    assert [mail.kind for mail in mails] == ["Neuigkeiten"]
    return [query["sql"] for query in queries.captured_queries]


def members_page_queries(client, coproduction) -> int:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/werkstatt/{coproduction.slug}/mitglieder/", secure=True)
    assert "1 E-Mail nicht zugestellt" in page.content.decode()
    return len(queries)


def test_the_lookup_makes_the_same_queries_with_3_or_30_mails_delivered(
    client, coproduction, coordinator, settings
):
    give_up_news(coproduction, settings)
    deliver_news(coproduction, 3)
    viewer = viewer_of(coordinator, coproduction)
    client.force_login(coordinator)
    members_page_queries(client, coproduction)  # warm what a process reads once
    few, few_on_the_page = lookup_queries(viewer), members_page_queries(client, coproduction)
    deliver_news(coproduction, 27)
    assert Mailing.objects.filter(task__status="SUCCESSFUL").count() == 30
    assert lookup_queries(viewer) == few
    assert members_page_queries(client, coproduction) == few_on_the_page


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN")
def test_the_lookup_reads_the_index_of_failed_mails_not_the_co_production_s_mails(
    coproduction, coordinator, settings
):
    give_up_news(coproduction, settings)
    deliver_news(coproduction, 30)
    mailings, *_visibility = lookup_queries(viewer_of(coordinator, coproduction))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + mailings)
        text = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "workspaces_mailing USING INDEX mailing_failed_idx" in text, text
    assert "TEMP B-TREE" not in text, text  # read newest first, not sorted
    assert "SCAN" not in text, text


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_mail_that_was_shown_as_undelivered(coproduction, migrate):  # noqa: F811
    """Before, a mail counted as undelivered while its task was FAILED; afterwards it carries
    the moment the task finished, so nothing listed before is missing from the list."""
    before = [("workspaces", "0008_consultation_days_not_agreed")]
    after = [("workspaces", "0010_mailing_failed_at_filled")]
    apps = migrate(before)
    task = apps.get_model("django_tasks_database", "DBTaskResult")
    mailing = apps.get_model("workspaces", "Mailing")
    content_type = apps.get_model("contenttypes", "ContentType").objects.get(
        app_label="workspaces", model="coproduction"
    )
    finished = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

    def mail(status, finished_at):
        result = task.objects.create(
            status=status,
            finished_at=finished_at,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="workspaces.notify.send_message",
            backend_name="default",
            run_after=finished,
        )
        return mailing.objects.create(
            task=result,
            kind=status,
            coproduction_id=coproduction.pk,
            item_type=content_type,
            item_id=coproduction.pk,
            link="/",
        ).pk

    failed, delivered, waiting = (
        mail("FAILED", finished),
        mail("SUCCESSFUL", finished),
        mail("READY", None),
    )
    failed_without_a_moment = mail("FAILED", None)
    migrate(after)
    moments = dict(Mailing.objects.values_list("pk", "failed_at"))
    assert moments.pop(failed_without_a_moment) is not None  # when it was queued
    assert moments == {failed: finished, delivered: None, waiting: None}
