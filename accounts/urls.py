"""The accounts app's pages; each concern's views module declares its own URL patterns."""

from .views import people, people_import

app_name = "accounts"

urlpatterns = [
    *people.urlpatterns,
    *people_import.urlpatterns,
]
