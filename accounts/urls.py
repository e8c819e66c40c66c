from django.urls import path, re_path

from accounts import views

app_name = "accounts"

# German paths next to allauth's (/konto/login/, /konto/email/, /konto/2fa/ …).
urlpatterns = [
    path("", views.overview, name="overview"),
    path("daten/", views.data, name="data"),
    path("daten.json", views.data_json, name="data_json"),
    path("loeschen/", views.delete, name="delete"),
    # allauth's own addresses, answered first by our wrappers (see accounts/views.py).
    re_path(r"^confirm-email/(?P<key>[-:\w]+)/$", views.confirm_email),
    re_path(
        r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.password_reset_from_key,
    ),
]
