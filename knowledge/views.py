"""Pages of the knowledge archive and the glossary (cards 48, 51, 37).

Thin views: the selectors decide visibility, the services the rules; create, item and delete
pages come from workspaces.pages. Files are handed out only by ``item_file``, after
``get_visible``.
"""

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from knowledge import selectors, services, uploads
from knowledge.forms import KnowledgeForm, TermForm
from knowledge.models import KnowledgeItem
from workspaces.decorators import member_view
from workspaces.pages import create_page, delete_page, item_page
from workspaces.views import choice_filters, paginate, workspace_render
from workspaces.visibility import get_visible

SECTION = "knowledge"


def _form_class(request):
    """The form with the request's files (reading them runs the upload handlers, which may
    have refused one for its size)."""
    files = request.FILES or None
    return partial(KnowledgeForm, files=files, refused=getattr(request, "upload_refused", ""))


@member_view
def item_list(request, coproduction, viewer):
    kind = request.GET.get("art", "")
    if kind not in KnowledgeItem.Kind.values:
        kind = ""
    rows = selectors.items_for(viewer)
    if kind:
        rows = rows.filter(kind=kind)
    context = {
        "page": paginate(request, rows, "seite", anchor="liste"),
        "kind": kind,
        "filters": choice_filters(
            request, "art", KnowledgeItem.Kind.choices, kind, selectors.kind_counts(viewer)
        ),
        "term_count": selectors.terms_for(viewer).count(),
    }
    return workspace_render(request, "knowledge/item_list.html", context, section=SECTION)


@member_view
def item_create(request, coproduction, viewer):
    def create(values):
        upload = values.pop("file", None)
        return services.knowledge_create(
            actor=request.user,
            coproduction=coproduction,
            owner_side=viewer.side,
            upload=upload,
            **values,
        )

    def done(item):
        messages.success(request, f"„{item.title}“ ist im Wissensarchiv.")
        return redirect("knowledge:item", coproduction.slug, item.pk)

    return create_page(
        request,
        viewer,
        perm="knowledge.add",
        form_class=_form_class(request),
        create=create,
        done=done,
        template="knowledge/item_form.html",
        section=SECTION,
    )


@member_view
def item_detail(request, coproduction, viewer, pk):
    item = get_visible(selectors.items_for(viewer), viewer, pk=pk)

    def update(form):
        values = form.changed_values()
        upload = values.pop("file", None)
        services.knowledge_update(
            actor=request.user,
            item=item,
            expected_version=form.expected_version(),
            upload=upload,
            **values,
        )

    def done():
        messages.success(request, "Der Eintrag ist gespeichert.")
        return redirect("knowledge:item", coproduction.slug, item.pk)

    return item_page(
        request,
        viewer,
        item,
        form_class=_form_class(request),
        update=update,
        done=done,
        template="knowledge/item_detail.html",
        section=SECTION,
        context={"links": selectors.links_of(item, viewer)},
    )


@member_view
def item_delete(request, coproduction, viewer, pk):
    item = get_visible(selectors.items_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        item,
        delete=lambda version: services.knowledge_delete(
            actor=request.user, item=item, expected_version=version
        ),
        what="Der Eintrag",
        note="Eine hochgeladene Datei wird mit gelöscht." if item.file else "",
        back_url=reverse("knowledge:item", args=[coproduction.slug, item.pk]),
        done_url=reverse("knowledge:list", args=[coproduction.slug]),
        section=SECTION,
    )


@require_GET
@member_view
def item_file(request, coproduction, viewer, pk):
    """The document, for those who may see its entry — and nobody else."""
    item = get_visible(selectors.items_for(viewer), viewer, pk=pk)
    if not item.file:
        raise Http404
    return uploads.download_response(item)


# The glossary ------------------------------------------------------------------------------


@member_view
def glossary(request, coproduction, viewer):
    context = {"terms": paginate(request, selectors.terms_for(viewer), "seite", per_page=100)}
    return workspace_render(request, "knowledge/glossary.html", context, section=SECTION)


@member_view
def term_create(request, coproduction, viewer):
    def create(values):
        return services.term_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(term):
        messages.success(request, f"Der Begriff „{term.term}“ steht im Glossar.")
        glossary_url = reverse("knowledge:glossary", args=[coproduction.slug])
        return redirect(f"{glossary_url}#begriff-{term.pk}")

    return create_page(
        request,
        viewer,
        perm="knowledge.add",
        form_class=TermForm,
        create=create,
        done=done,
        template="knowledge/term_form.html",
        section=SECTION,
    )


@member_view
def term_detail(request, coproduction, viewer, pk):
    term = get_visible(selectors.terms_for(viewer), viewer, pk=pk)

    def update(form):
        services.term_update(
            actor=request.user,
            glossary_term=term,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Der Begriff ist gespeichert.")
        return redirect("knowledge:term", coproduction.slug, term.pk)

    return item_page(
        request,
        viewer,
        term,
        form_class=TermForm,
        update=update,
        done=done,
        template="knowledge/term_detail.html",
        section=SECTION,
    )


@member_view
def term_delete(request, coproduction, viewer, pk):
    term = get_visible(selectors.terms_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        term,
        delete=lambda version: services.term_delete(
            actor=request.user, term=term, expected_version=version
        ),
        what="Der Begriff",
        back_url=reverse("knowledge:term", args=[coproduction.slug, term.pk]),
        done_url=reverse("knowledge:glossary", args=[coproduction.slug]),
        section=SECTION,
    )
