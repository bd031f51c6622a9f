"""Test-only pages: a tiny guarded form, rate-limited and size-limited views, then the public app's routes."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import include, path

from govsite.formguard.bodysize import limit_body_size
from govsite.formguard.forms import GuardedFormMixin, PublicTextField
from govsite.formguard.ratelimit import rate_limit

# What the guarded form stored: a refused post must leave nothing here.
RECEIVED: list[str] = []

PAGE = Template(
    '<form method="post">{% csrf_token %}{{ form.non_field_errors }}'
    "{{ form.message.errors }}{{ form.message }}"
    '{% include "formguard/captcha.html" %}<button type="submit">提交</button></form>'
)


class MessageForm(GuardedFormMixin, forms.Form):
    message = PublicTextField(label="留言", max_length=200)


def message_form(request):
    form = MessageForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        RECEIVED.append(form.cleaned_data["message"])
        return HttpResponse("已提交")
    status = 400 if form.errors else 200
    return HttpResponse(PAGE.render(RequestContext(request, {"form": form})), status=status)


@rate_limit("test_posts", per_ip="3/10m")
def limited(request):
    return HttpResponse("ok")


@rate_limit("test_crowd", global_rate="4/1h")
def crowded(request):
    return HttpResponse("ok")


@rate_limit("letters")
def configured(request):
    return HttpResponse("ok")


@rate_limit("test_upload", per_ip="100/1m")
@limit_body_size(2048)
def upload(request):
    return HttpResponse(f"收到{len(request.POST.get('text', ''))}字")


# The public app's own routes (the captcha's under guard/, and those every page's footer links to) follow.
urlpatterns = [
    path("message/", message_form),
    path("limited/", limited),
    path("crowded/", crowded),
    path("configured/", configured),
    path("upload/", upload),
    path("", include("govsite.urls_public")),
]
