"""HR keeps a programme's curriculum templates: the sessions, rhythm and breaks the planner works from."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.models import Role
from core.forms import add_validation_errors
from programmes.models import Programme

from .. import selectors, services
from ..forms import (
    NEW_TEMPLATE_BREAKS,
    CurriculumItemFormSet,
    CurriculumTemplateForm,
    TemplateBreakFormSet,
)
from ..models import CurriculumTemplate

TEMPLATE_RULES = ("name", "interval_weeks", "weekday", "skip_public_holidays", "school_region")
ITEM_FIELDS = ("kind", "title", "start_time", "end_time", "repeat_count", "cost", "is_open_for_extra")
BREAK_FIELDS = ("name", "region", "starts_on", "ends_on")
# The breaks' rows are sent as breaks-0-name …; the items keep the formset's default prefix (form-0-title …).
BREAKS_PREFIX = "breaks"


@role_required(Role.HR_ADVISER)
def template_list(request, slug: str):
    programme = selectors.programme_for_curricula(user=request.user, slug=slug)
    templates = selectors.curriculum_templates_of(programme_id=programme.pk)
    return render(request, "sessions/template_list.html", {"programme": programme, "templates": templates})


def _template_page(request, programme: Programme, template: CurriculumTemplate | None):
    data = request.POST or None
    if template is None:
        form = CurriculumTemplateForm(data)
        formset = CurriculumItemFormSet(data)
        break_formset = TemplateBreakFormSet(data, prefix=BREAKS_PREFIX, initial=NEW_TEMPLATE_BREAKS)
    else:
        items, breaks = selectors.curriculum_template_rows(template=template)
        form = CurriculumTemplateForm(data, initial={name: getattr(template, name) for name in TEMPLATE_RULES})
        formset = CurriculumItemFormSet(
            data, initial=[{name: getattr(item, name) for name in ITEM_FIELDS} for item in items]
        )
        break_formset = TemplateBreakFormSet(
            data, prefix=BREAKS_PREFIX, initial=[{name: getattr(row, name) for name in BREAK_FIELDS} for row in breaks]
        )
    # Each is validated, so that every error shows at once.
    valid = [form.is_valid(), formset.is_valid(), break_formset.is_valid()] if request.method == "POST" else []
    if valid and all(valid):
        items = [
            {name: row[name] for name in ITEM_FIELDS}
            for row in formset.cleaned_data
            if row and not row.get("DELETE") and row.get("title")
        ]
        breaks = [
            {name: row[name] for name in BREAK_FIELDS}
            for row in break_formset.cleaned_data
            if row and not row.get("DELETE") and row.get("name")
        ]
        try:
            services.curriculum_template_save(
                programme=programme, template=template, items=items, breaks=breaks, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The curriculum template has been saved."))
            return redirect("sessions:template_list", slug=programme.slug)
    return render(
        request,
        "sessions/template_form.html",
        {
            "programme": programme,
            "template": template,
            "form": form,
            "formset": formset,
            "break_formset": break_formset,
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.HR_ADVISER)
def template_create(request, slug: str):
    return _template_page(request, selectors.programme_for_curricula(user=request.user, slug=slug), None)


@role_required(Role.HR_ADVISER)
def template_edit(request, pk: int):
    template = selectors.curriculum_template_for_hr(user=request.user, pk=pk)
    return _template_page(request, template.programme, template)


urlpatterns = [
    path("programmes/<slug:slug>/templates/", template_list, name="template_list"),
    path("programmes/<slug:slug>/templates/new/", template_create, name="template_create"),
    path("templates/<int:pk>/edit/", template_edit, name="template_edit"),
]
