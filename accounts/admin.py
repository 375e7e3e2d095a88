from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Department, Invitation, Organisation, PeopleImport, RoleAssignment, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["networks"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    list_select_related = ["organisation"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "organisation", "department", "is_active"]
    list_filter = ["organisation", "is_active", "is_staff", "education_level"]
    list_select_related = ["organisation", "department"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["organisation", "department", "manager"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "preferred_language"]}),
        (
            _("Employment"),
            {
                "fields": [
                    "organisation",
                    "department",
                    "manager",
                    "date_of_birth",
                    "employment_start_date",
                    "education_level",
                    "introduction_completed_on",
                    "contract_hours",
                ]
            },
        ),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "invited_by"]


@admin.register(PeopleImport)
class PeopleImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "organisation", "status", "total_rows", "created_count", "updated_count", "created_at"]
    list_filter = ["status"]
    exclude = ["content"]
    list_select_related = ["organisation"]
