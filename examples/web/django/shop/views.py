"""The routes of tests/e2e/README.md's contract, through Django's own session login/logout."""

import re

from django.contrib.auth import login, logout
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render

from chatwoot_identity.django.views import payload as chatwoot_payload

from .models import Member


def sign_in(request):
    """Signs the query's user into the session (a stand-in for a real login form)."""
    query = request.GET
    identifier = query.get("identifier", "")
    numeric = query.get("identifier_type") == "integer"
    if numeric and not re.fullmatch(r"-?[0-9]+", identifier):
        raise ValueError("identifier_type=integer needs decimal digits")
    if not identifier:
        raise ValueError("identifier is required")
    member, _ = Member.objects.update_or_create(
        external_id=identifier,
        defaults={"numeric": numeric, "name": query.get("name", ""), "email": query.get("email", "")})
    login(request, member)


def page_for(request, title):
    response = render(request, "page.html", {"title": title})
    response["Cache-Control"] = "no-store"
    return response


def bad_request(error):
    return HttpResponseBadRequest(f"{type(error).__name__}: {error}\n", content_type="text/plain; charset=utf-8")


def login_view(request):
    try:
        sign_in(request)
        return page_for(request, "Signed in")
    except ValueError as error:  # the binding's typed errors and a bad query
        return bad_request(error)


def page(request):
    try:
        return page_for(request, "Another page")
    except ValueError as error:
        return bad_request(error)


def support(request):
    response = render(request, "support.html")
    response["Cache-Control"] = "no-store"
    return response


def logout_view(request):
    logout(request)  # user_logged_out: this page resets the widget
    return page_for(request, "Signed out")


def logout_and_redirect(request):
    logout(request)  # the next page resets the widget (ChatwootMiddleware keeps the flag)
    return redirect("/page")


def payload_view(request):
    try:
        sign_in(request)
        return chatwoot_payload(request)
    except ValueError as error:
        return bad_request(error)


def not_found(request, exception=None):
    return HttpResponse("not found\n", status=404, content_type="text/plain")
