import functools

from django.contrib.auth.decorators import login_required

from workspaces.selectors import coproduction_for_member


def member_view(view):
    """Resolve ``slug`` to the co-production and the viewer; 404 for non-members."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        coproduction, viewer = coproduction_for_member(request.user, slug)
        request.coproduction, request.viewer = coproduction, viewer
        return view(request, coproduction, viewer, *args, **kwargs)

    return wrapper
