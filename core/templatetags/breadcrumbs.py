"""One breadcrumb trail for every page: `{% breadcrumbs %}` collects `{% crumb %}`s and renders them with
`includes/_breadcrumbs.html`, so the markup (a labelled nav, ol.breadcrumb, aria-current) is written once.

    {% load breadcrumbs %}
    {% breadcrumbs %}
      {% crumb _("People") "accounts:people" %}
      {% crumb person.full_name|default:person.email "accounts:person_detail" person.pk %}
      {% crumb _("Edit") %}
    {% endbreadcrumbs %}

`{% crumb label %}` takes the text to show and, for every crumb but the last, a URL name with its arguments
as `{% url %}` takes them. The last crumb is the page itself: it is shown without a link and marked
aria-current="page". Crumbs may stand inside `{% if %}` or in an included template (e.g. the cohort trail in
`programmes/_cohort_crumbs.html`); text between them is not shown.
"""

from django import template
from django.template.base import FilterExpression, Parser, Token, TokenType
from django.template.defaulttags import url as url_tag

register = template.Library()

TRAIL = "_breadcrumb_trail"
TEMPLATE = "includes/_breadcrumbs.html"


class BreadcrumbsNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        trail: list[tuple[str, str]] = []
        with context.push({TRAIL: trail}):
            self.nodelist.render(context)
        return context.template.engine.get_template(TEMPLATE).render(context.new({"trail": trail}))


class CrumbNode(template.Node):
    def __init__(self, label: FilterExpression, url_node: template.Node | None) -> None:
        self.label = label
        self.url_node = url_node

    def render(self, context: template.Context) -> str:
        if TRAIL not in context:
            raise template.TemplateSyntaxError("{% crumb %} belongs inside {% breadcrumbs %}.")
        url = self.url_node.render(context) if self.url_node else ""
        context[TRAIL].append((self.label.resolve(context), url))
        return ""


@register.tag
def breadcrumbs(parser: Parser, token: Token) -> BreadcrumbsNode:
    nodelist = parser.parse(("endbreadcrumbs",))
    parser.delete_first_token()
    return BreadcrumbsNode(nodelist)


@register.tag
def crumb(parser: Parser, token: Token) -> CrumbNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% crumb %} takes a label and, unless it is the last, a URL name.")
    url_node = None
    if len(bits) > 2:
        url_node = url_tag(parser, Token(TokenType.BLOCK, " ".join(["url", *bits[2:]]), token.position, token.lineno))
    return CrumbNode(parser.compile_filter(bits[1]), url_node)
