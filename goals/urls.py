from django.urls import path

from goals import views

app_name = "goals"

urlpatterns = [
    path("ziele/", views.goal_list, name="list"),
    path("strategie/", views.strategy, name="strategy"),
    path("meilensteine/", views.milestone_list, name="milestones"),
]
