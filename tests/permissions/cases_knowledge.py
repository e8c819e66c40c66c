"""Permission cases of the knowledge archive and the glossary (cards 48, 51), the document
download included: a side's file is read by its side only, a public one by everybody."""

from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import services
from knowledge.models import KnowledgeItem

from .cases import MEMBERS, OWN_SIDE, POST_OWN_SIDE, PUBLIC, Case, item, slug

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _deleted(name):
    def check(w):
        assert not KnowledgeItem.objects.filter(pk=getattr(w, name).pk).exists()

    return check


CASES = {
    "knowledge:list": Case(MEMBERS, slug),
    "knowledge:create": Case(MEMBERS, slug),
    "knowledge:item": Case(OWN_SIDE, item("side_document")),
    "knowledge:item_delete": Case(OWN_SIDE, item("side_document")),
    "knowledge:item_file": Case(OWN_SIDE, item("side_document")),
    "knowledge:glossary": Case(MEMBERS, slug),
    "knowledge:term_create": Case(MEMBERS, slug),
    "knowledge:term": Case(OWN_SIDE, item("side_term")),
    "knowledge:term_delete": Case(OWN_SIDE, item("side_term")),
    "public:knowledge_file": Case(PUBLIC, item("public_document")),
}
MORE_CASES = {
    "knowledge:item": Case(MEMBERS, item("joint_note")),
    "knowledge:item_file": Case(MEMBERS, item("joint_document")),
    "knowledge:term": Case(MEMBERS, item("joint_term")),
    # A document seen by members only is no public download, for members neither.
    "public:knowledge_file": Case(
        {
            "anonymous": 404,
            "outsider": 404,
            "other_side": 404,
            "same_side": 404,
            "coordinator": 404,
        },
        item("joint_document"),
    ),
    "knowledge:item_delete": Case(POST_OWN_SIDE, item("spare_document"), "post"),
}


def populate(w):
    c = dict(actor=w.users["coordinator"], coproduction=w.coproduction, owner_side="civil_society")

    def document(title, visibility):
        upload = SimpleUploadedFile(f"{title}.pdf", PDF, content_type="application/pdf")
        return services.knowledge_create(
            **c, title=title, kind="document", visibility=visibility, upload=upload
        )

    w.side_document = document("Interne Kalkulation", "side")
    w.joint_document = document("Gemeinsamer Zeitplan", "coproduction")
    w.public_document = document("Flyer", "public")
    w.spare_document = document("Irrtum", "side")
    w.joint_note = services.knowledge_create(**c, title="Wer kennt wen im Amt")
    w.side_term = services.term_create(
        **c, term="Plenumsvorbehalt", explanation="Intern.", visibility="side"
    )
    w.joint_term = services.term_create(**c, term="Träger", explanation="Wer die Arbeit trägt.")
