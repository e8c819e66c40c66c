"""Mounted at /werkstatt/<slug>/ — German paths, stable because people bookmark them."""

from django.urls import path

from goals import share_views, views

app_name = "goals"

urlpatterns = [
    path("ziele/", views.goal_list, name="list"),
    path("ziele/neu/", views.goal_create, name="goal_create"),
    path("ziele/gemeinsam/neu/", views.joint_goal_create, name="joint_create"),
    path("ziele/teilen/", share_views.goal_share, name="share"),
    path("ziele/ueberschneidung/", views.overlap, name="overlap"),
    path("ziele/<int:pk>/", views.goal_detail, name="goal"),
    path("ziele/<int:pk>/loeschen/", views.goal_delete, name="goal_delete"),
    path("ziele/forderungen/neu/", views.demand_create, name="demand_create"),
    path("ziele/forderungen/<int:pk>/", views.demand_detail, name="demand"),
    path("ziele/forderungen/<int:pk>/loeschen/", views.demand_delete, name="demand_delete"),
    path("strategie/", views.strategy, name="strategy"),
    path("strategie/beitraege/neu/", views.contribution_create, name="contribution_create"),
    path("strategie/beitraege/<int:pk>/", views.contribution_detail, name="contribution"),
    path(
        "strategie/beitraege/<int:pk>/loeschen/",
        views.contribution_delete,
        name="contribution_delete",
    ),
    path("strategie/hindernisse/neu/", views.obstacle_create, name="obstacle_create"),
    path("strategie/hindernisse/<int:pk>/", views.obstacle_detail, name="obstacle"),
    path("strategie/hindernisse/<int:pk>/loeschen/", views.obstacle_delete, name="obstacle_delete"),
    path("meilensteine/", views.milestone_list, name="milestones"),
    path("meilensteine/neu/", views.milestone_create, name="milestone_create"),
    path("meilensteine/<int:pk>/", views.milestone_detail, name="milestone"),
    path("meilensteine/<int:pk>/loeschen/", views.milestone_delete, name="milestone_delete"),
    path("meilensteine/<int:pk>/feiern/", views.milestone_celebrate, name="milestone_celebrate"),
    path(
        "meilensteine/<int:pk>/veroeffentlichen/",
        share_views.milestone_publish,
        name="milestone_publish",
    ),
]
