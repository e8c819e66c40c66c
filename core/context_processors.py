from django.conf import settings


def site(request):
    # personal_deferred: core/base.html asks on every page; views that defer the personal
    # header (the guide's pages rendered once) say True.
    return {"operator": settings.OPERATOR, "personal_deferred": False}
