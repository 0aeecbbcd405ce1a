import secrets


class NonceMiddleware:
    """request.csp_nonce as django-csp sets it, for /csp-login only (a fresh one per request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/csp-login":
            request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if hasattr(request, "csp_nonce"):
            response["Content-Security-Policy"] = f"script-src 'nonce-{request.csp_nonce}'"
        return response
