"""Enrolments change only through the services (the state machine and its history), so the admin shows them
read-only; HR decides in the portal. Budgets are plain figures and may be corrected here."""

from django.contrib import admin

from .models import DepartmentBudget, Enrolment, EnrolmentTransition, OrganisationApplication


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EnrolmentTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = EnrolmentTransition
    fields = ["created_at", "actor", "from_status", "to_status", "reason", "is_override"]
    readonly_fields = fields
    extra = 0


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["person", "cohort", "status", "requested_at", "approver", "department", "cost"]
    list_filter = ["status", "cohort__programme"]
    list_select_related = ["person", "cohort", "approver", "department"]
    search_fields = ["person__email", "person__last_name", "cohort__name"]
    date_hierarchy = "requested_at"
    inlines = [EnrolmentTransitionInline]


@admin.register(OrganisationApplication)
class OrganisationApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["organisation", "programme", "status", "applied_at"]
    list_filter = ["status", "programme"]
    list_select_related = ["organisation", "programme"]


@admin.register(DepartmentBudget)
class DepartmentBudgetAdmin(admin.ModelAdmin):
    list_display = ["department", "year", "amount", "spent_elsewhere"]
    list_filter = ["year"]
    list_select_related = ["department"]
    search_fields = ["department__name"]
