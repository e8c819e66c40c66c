from django.urls import path

from workspaces import views

app_name = "workspaces"

urlpatterns = [
    path("", views.home, name="home"),
    path("neu/", views.coproduction_create, name="create"),
    path("einladung/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/einstellungen/", views.coproduction_edit, name="settings"),
    path("<slug:slug>/partner/", views.partner_list, name="partners"),
    path("<slug:slug>/partner/neu/", views.partner_create, name="partner_create"),
    path("<slug:slug>/partner/erste-schritte/", views.partner_invite, name="partner_invite"),
    path("<slug:slug>/partner/<int:pk>/", views.partner_detail, name="partner"),
    path("<slug:slug>/mitglieder/", views.member_list, name="members"),
    path("<slug:slug>/mitglieder/einladen/", views.member_invite, name="invite"),
    path("<slug:slug>/nicht-zugestellt/", views.undelivered_mails, name="undelivered"),
    path("<slug:slug>/mitglieder/<int:pk>/", views.member_detail, name="member"),
    path(
        "<slug:slug>/einladungen/<int:pk>/zurueckziehen/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
