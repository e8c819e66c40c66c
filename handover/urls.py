"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from handover import views

app_name = "handover"

urlpatterns = [
    path("uebergaben/", views.handover_list, name="list"),
    path("uebergaben/neu/", views.handover_create, name="create"),
    path("uebergaben/<int:pk>/", views.handover_detail, name="handover"),
    path("uebergaben/<int:pk>/loeschen/", views.handover_delete, name="delete"),
    path("uebergaben/<int:pk>/punkte/", views.checklist_add, name="item_add"),
    path("uebergaben/<int:pk>/punkte/<int:item_pk>/", views.checklist_tick, name="item_tick"),
    path("uebergaben/<int:pk>/abzeichnen/", views.handover_sign, name="sign"),
    path("mitglieder/<int:pk>/austreten/", views.leave, name="leave"),
]
