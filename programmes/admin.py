from django.contrib import admin

from .models import Cohort, CostItem, Programme, Track


class TrackInline(admin.TabularInline):
    model = Track
    extra = 0


class CostItemInline(admin.TabularInline):
    model = CostItem
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """Platform admins set up a programme's rules and cost model; HR runs its cohorts in the portal."""

    list_display = ["name", "owner", "kind", "enrolment_mode", "group_capacity", "start_threshold", "is_active"]
    list_filter = ["kind", "enrolment_mode", "is_active"]
    list_select_related = ["owner"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["owner"]
    filter_horizontal = ["participating_organisations"]
    inlines = [TrackInline, CostItemInline]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    """The status is changed in the portal only, along the allowed transitions (services.cohort_status_change)."""

    list_display = ["name", "programme", "status", "start_date", "end_date", "capacity", "start_threshold"]
    list_filter = ["status", "programme"]
    list_select_related = ["programme"]
    search_fields = ["name", "programme__name"]
    autocomplete_fields = ["coordinator"]
    readonly_fields = ["status", "ready_notified_at", "created_at"]
