from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def euro(amount: Decimal | None) -> str:
    """An amount in euros with cents and the language's separators: "€ 14.000,00" in Dutch."""
    if amount is None:
        return "—"
    return f"€\N{NO-BREAK SPACE}{floatformat(amount, '2g')}"
