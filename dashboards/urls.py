from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/hr/", views.hr, name="hr"),
    path("dashboard/manager/", views.manager, name="manager"),
    path("dashboard/coach/", views.coach, name="coach"),
    path("dashboard/trainer/", views.trainer, name="trainer"),
    path("dashboard/career-adviser/", views.career_adviser, name="career_adviser"),
    path("dashboard/employee/", views.employee, name="employee"),
    path("dashboard/platform/", views.platform_admin, name="platform_admin"),
]
