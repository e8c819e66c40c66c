"""Pages of the knowledge archive: upload through the form, download only for who may see the
item (as an attachment, never sniffed), public files for the public only when public."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from knowledge import services
from knowledge.models import KnowledgeItem
from tests.factories import viewer_of
from tests.goals.conftest import login

from .conftest import EXE, PDF


def url(name, coproduction, *args):
    return reverse(f"knowledge:{name}", args=[coproduction.slug, *args])


def document(actor, coproduction, visibility="coproduction", side="administration"):
    return services.knowledge_create(
        actor=actor,
        coproduction=coproduction,
        owner_side=side,
        title=f"Dokument {visibility}",
        kind="document",
        visibility=visibility,
        upload=SimpleUploadedFile('Plan "final"\x00.pdf', PDF),
    )


def test_a_document_is_uploaded_through_the_form_and_downloaded_as_an_attachment(
    coordinator, coproduction, media
):
    client = login(coordinator)
    data = {"kind": "document", "title": "Haushaltsplan", "visibility": "coproduction"}
    data["file"] = SimpleUploadedFile("../Haushalt 2026.pdf", PDF)
    response = client.post(url("create", coproduction), data, secure=True)
    assert response.status_code == 302
    item = KnowledgeItem.objects.get()
    assert not (media / "Haushalt 2026.pdf").exists()
    download = client.get(url("item_file", coproduction, item.pk), secure=True)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="Haushalt 2026.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]


def test_a_disguised_file_gets_a_german_message_and_the_input_is_kept(coordinator, coproduction):
    client = login(coordinator)
    data = {"kind": "document", "title": "Rechnung Mai", "visibility": "coproduction"}
    data["file"] = SimpleUploadedFile("Rechnung.pdf", EXE)
    response = client.post(url("create", coproduction), data, secure=True)
    page = response.content.decode()
    assert response.status_code == 200 and "ihr Inhalt ist aber keine Datei der Art PDF" in page
    assert 'value="Rechnung Mai"' in page and not KnowledgeItem.objects.exists()


def test_an_oversize_upload_is_not_read_past_the_limit_and_gets_a_german_message(
    coordinator, coproduction, settings, media
):
    settings.UPLOAD_MAX_BYTES = 100
    # The file comes first: the fields after it are still read and kept.
    data = {"file": SimpleUploadedFile("Gross.pdf", PDF + b"0" * 200_000)}
    data.update(kind="document", title="Großer Plan", visibility="coproduction")
    response = login(coordinator).post(url("create", coproduction), data, secure=True)
    page = response.content.decode()
    assert "Die Datei ist zu groß; erlaubt sind höchstens" in page
    assert 'value="Großer Plan"' in page
    assert not KnowledgeItem.objects.exists() and not media.exists()


def test_the_other_sides_file_is_not_found_by_its_id(coordinator, coproduction, civil_member):
    item = document(coordinator, coproduction, visibility="side")
    client = login(civil_member.user)
    assert client.get(url("item_file", coproduction, item.pk), secure=True).status_code == 404
    assert client.get(url("item", coproduction, item.pk), secure=True).status_code == 404
    public = reverse("public:knowledge_file", args=[coproduction.slug, item.pk])
    assert client.get(public, secure=True).status_code == 404


def test_a_public_file_is_downloadable_by_the_public_only_while_public(coordinator, coproduction):
    item = document(coordinator, coproduction, visibility="public")
    public = reverse("public:knowledge_file", args=[coproduction.slug, item.pk])
    anonymous = Client()
    response = anonymous.get(public, secure=True)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert 'filename="Plan_final.pdf"' in response["Content-Disposition"]
    page = anonymous.get(reverse("public:page", args=[coproduction.slug]), secure=True)
    assert public in page.content.decode()
    services.knowledge_update(
        actor=coordinator, item=item, expected_version=item.version, visibility="coproduction"
    )
    assert anonymous.get(public, secure=True).status_code == 404
    assert anonymous.get(url("item_file", coproduction, item.pk), secure=True).status_code == 302


def test_uploads_have_no_address_of_their_own(coordinator, coproduction):
    item = document(coordinator, coproduction, visibility="public")
    client = login(coordinator)
    for path in (f"/media/{item.file.name}", f"/static/{item.file.name}", f"/{item.file.name}"):
        assert client.get(path, secure=True).status_code == 404


def test_terms_are_linked_where_they_occur(coordinator, coproduction, civil_member):
    c = dict(actor=coordinator, coproduction=coproduction, owner_side="administration")
    term = services.term_create(**c, term="Zuwendungsbescheid", explanation="Amtlich.")
    hidden = services.term_create(**c, term="Kämmerei", explanation="Intern.", visibility="side")
    item = services.knowledge_create(
        **c, title="Förderung", text="Der Zuwendungsbescheid kommt, sagt die Kämmerei."
    )
    page = login(civil_member.user).get(url("item", coproduction, item.pk), secure=True)
    html = page.content.decode()
    assert f'{url("glossary", coproduction)}#begriff-{term.pk}">Zuwendungsbescheid</a>' in html
    assert f"#begriff-{hidden.pk}" not in html
    own = login(coordinator).get(url("item", coproduction, item.pk), secure=True)
    assert f"#begriff-{hidden.pk}" in own.content.decode()


def test_the_public_page_shows_public_terms_in_plain_words(coordinator, coproduction):
    c = dict(actor=coordinator, coproduction=coproduction, owner_side="administration")
    services.term_create(
        **c,
        term="Ernährungsrat",
        explanation="Ein Gremium nach § 3 der Satzung.",
        plain_summary="Hier reden alle mit, die in der Stadt mit Essen zu tun haben.",
        visibility="public",
    )
    services.term_create(**c, term="Haushaltssperre", explanation="Noch geheim.")
    page = Client().get(reverse("public:page", args=[coproduction.slug]), secure=True)
    html = page.content.decode()
    assert "Hier reden alle mit, die in der Stadt mit Essen zu tun haben." in html
    assert "Haushaltssperre" not in html and "§ 3 der Satzung" not in html


def test_list_and_glossary_queries_do_not_grow_with_the_data(
    coordinator, coproduction, django_assert_max_num_queries
):
    client = login(coordinator)
    c = dict(actor=coordinator, coproduction=coproduction, owner_side="administration")

    def count(path):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, secure=True).status_code == 200
        return len(queries)

    services.knowledge_create(**c, title="Eins", text="Text")
    services.term_create(**c, term="Begriff 0", explanation="…")
    few = (count(url("list", coproduction)), count(url("glossary", coproduction)))
    for n in range(1, 40):
        services.knowledge_create(**c, title=f"Eintrag {n}", text="Text " * 80)
        services.term_create(**c, term=f"Begriff {n}", explanation="…")
    many = (count(url("list", coproduction)), count(url("glossary", coproduction)))
    assert many == few


def test_a_term_is_linked_once_as_a_whole_word_and_never_inside_markup(coordinator, coproduction):
    c = dict(actor=coordinator, coproduction=coproduction, owner_side="administration")
    term = services.term_create(**c, term="AG", explanation="Arbeitsgruppe.")
    amp = services.term_create(**c, term="amp", explanation="Ein Wort wie jedes.")
    rat = services.term_create(**c, term="Rat & Tat", explanation="Hilfe.")
    viewer = viewer_of(coordinator, coproduction)
    template = Template("{% load glossary %}{% glossary text %}")
    text = "Die AG trifft die AGB-Stelle mit Rat & Tat & Rat & Tat.\n<b>fett</b>"
    html = template.render(Context({"text": text, "coproduction": coproduction, "viewer": viewer}))
    assert f"#begriff-{term.pk}" not in html  # two letters: explained, not linked
    assert f"#begriff-{amp.pk}" not in html  # never inside "&amp;"
    assert html.count(f"#begriff-{rat.pk}") == 1
    assert "&lt;b&gt;fett&lt;/b&gt;" in html and "<br>" in html
