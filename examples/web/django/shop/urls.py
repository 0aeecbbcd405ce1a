from django.urls import path

from chatwoot_identity.django.views import payload as chatwoot_payload

from . import views

urlpatterns = [
    path("login", views.login_view),
    path("csp-login", views.login_view),
    path("page", views.page),
    path("support", views.support),
    path("logout", views.logout_view),
    path("logout-and-redirect", views.logout_and_redirect),
    path("payload", views.payload_view),
    path("chatwoot/payload", chatwoot_payload),
]
