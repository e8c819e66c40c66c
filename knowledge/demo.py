"""Demo data of the knowledge archive and the glossary (cards 48, 51, 37), written through the
services so that it has history and its files are stored as uploads are. Called by
demo.build."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from decisions.models import Decision
from goals.models import Goal
from knowledge import services
from knowledge.models import KnowledgeItem
from meetings.models import Meeting


def _flyer() -> SimpleUploadedFile:
    document = docx.Document()
    document.add_heading("Gutes Essen Musterstadt – worum es geht", level=1)
    document.add_paragraph(
        "Verwaltung und Ernährungsrat arbeiten gemeinsam an einer Ernährungsstrategie: "
        "gesundes, regionales Essen für alle, unabhängig vom Einkommen."
    )
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("Flyer Gutes Essen.docx", out.getvalue())


def add_demo(coproduction, members: dict) -> None:
    ini, amt, mod = members["initiative"], members["verwaltung"], members["moderation"]
    c = {"coproduction": coproduction}
    kickoff = Meeting.objects.get(coproduction=coproduction, title="Auftakt-Plenum")
    rhythm = Decision.objects.filter(
        coproduction=coproduction, question__startswith="Trifft sich das Plenum einmal"
    ).first()
    strategy = Goal.objects.filter(
        coproduction=coproduction, title__startswith="Gemeinsame Ernährungsstrategie"
    ).first()
    services.knowledge_create(
        **c,
        actor=mod.user,
        owner_side="",
        title="Was wir beim Auftakt über einander gelernt haben",
        text="Das Amt plant in Haushaltsjahren, der Ernährungsrat in Erntejahren. Termine "
        "nach 17 Uhr sind für das Amt Überstunden, für Ehrenamtliche die einzige Zeit.",
        meetings=[kickoff],
        decisions=[rhythm] if rhythm else [],
    )
    services.knowledge_create(
        **c,
        actor=amt.user,
        owner_side="",
        kind="contact",
        title="Kontakt zur Vergabestelle",
        text="Frau Yilmaz (Zentrale Vergabestelle) kennt die Kantinenverträge und erklärt "
        "gern, was das Vergaberecht zulässt. Am besten dienstags erreichbar.",
        goals=[strategy] if strategy else [],
    )
    services.knowledge_create(
        **c,
        actor=ini.user,
        owner_side="",
        kind="link",
        title="Leitfaden „Ko-Produktion“ von KoopWohl",
        url="https://www.koopwohl.de/",
        text="Der Fächer, auf dem unsere Zusammenarbeit aufbaut.",
        visibility="public",
    )
    services.knowledge_create(
        **c,
        actor=ini.user,
        owner_side="",
        kind="document",
        title="Flyer für den Ernährungsgipfel",
        text="Zum Weitergeben an Nachbarschaft und Presse.",
        visibility="public",
        upload=_flyer(),
    )
    services.knowledge_create(
        **c,
        actor=ini.user,
        owner_side="civil_society",
        kind="document",
        title="Interne Liste: wer bei uns welche Höfe kennt",
        text="Nur für uns: Kontakte zu den Höfen, nicht für das Amt.",
        visibility="side",
        upload=SimpleUploadedFile(
            "Höfe.csv", "Hof;Kontakt\nBiohof Lindenau;Jana\nGärtnerei Süd;Ole\n".encode()
        ),
    )
    services.knowledge_create(
        **c,
        actor=amt.user,
        owner_side="administration",
        kind="contact",
        title="Amtsintern: Draht zur Dezernentin",
        text="Vorzimmer der Dezernentin: Herr Brandt; Vorlagen dort zwei Wochen vor der Sitzung "
        "abgeben.",
        visibility="side",
    )
    terms = [
        (
            amt,
            "Vergabestelle",
            "Die Stelle der Stadt, die Aufträge nach Vergaberecht ausschreibt und vergibt.",
            "Die Stelle im Rathaus, die entscheidet, wer für die Stadt liefern darf.",
            "public",
        ),
        (
            ini,
            "Ernährungsrat",
            "Ein Zusammenschluss von Menschen aus Landwirtschaft, Handel, "
            "Initiativen und Nachbarschaft, der sich für eine regionale Ernährung einsetzt.",
            "Eine Gruppe von Menschen, die sich darum kümmert, dass alle in der Stadt gutes Essen "
            "bekommen.",
            "public",
        ),
        (
            amt,
            "Haushaltsvorbehalt",
            "Eine Zusage gilt nur, wenn der Stadtrat das Geld im Haushalt bereitstellt.",
            "",
            "coproduction",
        ),
        (
            ini,
            "Solawi",
            "Solidarische Landwirtschaft: Mitglieder tragen die Kosten eines Hofs "
            "und teilen sich die Ernte.",
            "Ein Hof, den seine Mitglieder gemeinsam bezahlen.",
            "coproduction",
        ),
    ]
    for member, term, explanation, plain, visibility in terms:
        services.term_create(
            **c,
            actor=member.user,
            owner_side=member.partner.side,
            term=term,
            explanation=explanation,
            plain_summary=plain,
            visibility=visibility,
        )
    services.term_create(
        **c,
        actor=amt.user,
        owner_side="administration",
        term="Deckungsvorschlag",
        explanation="Amtsintern: Wer neue Ausgaben will, sagt, wo das Geld dafür gespart wird.",
        visibility="side",
    )


def add_large(coproduction, *, item_count: int, term_count: int = 200) -> None:
    """Notes (without files) and terms for measuring, shared with all members, through the
    services."""
    actor = coproduction.memberships.filter(access="coordination").order_by("pk").first().user
    for i in range(item_count):
        services.knowledge_create(
            actor=actor,
            coproduction=coproduction,
            owner_side="",
            kind=KnowledgeItem.Kind.NOTE if i % 3 else KnowledgeItem.Kind.CONTACT,
            title=f"Notiz {i}: Übergabe zu Haus {i % 40}",
            text=f"Wer Haus {i % 40} betreut, wen man im Amt fragt und was schon versucht wurde.",
        )
    for i in range(term_count):
        services.term_create(
            actor=actor,
            coproduction=coproduction,
            owner_side="",
            term=f"Fachbegriff {i}",
            explanation=f"Was Begriff {i} in der Verwaltung bedeutet.",
            plain_summary=f"Begriff {i} in einfachen Worten." if i % 2 else "",
        )
