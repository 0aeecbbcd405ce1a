<?php

declare(strict_types=1);

namespace App\Http\Controllers;

use App\Auth\QueryUserProvider;
use ChatwootIdentity\Laravel\Chatwoot;
use Illuminate\Auth\GenericUser;
use Illuminate\Http\Request;
use Illuminate\Http\Response;
use Illuminate\Support\Facades\Auth;

/** tests/e2e/README.md's routes, through Laravel's session auth and a Blade view with @chatwootWidget. */
final class ExampleController
{
    public function login(Request $request)
    {
        $this->signIn($request);

        return $this->view('Signed in');
    }

    public function page()
    {
        return $this->view(Auth::check() ? 'Signed in' : 'Welcome');
    }

    public function logout(Request $request)
    {
        Auth::logout(); // Illuminate\Auth\Events\Logout: the next widget resets Chatwoot's contact
        $request->session()->invalidate();
        $request->session()->regenerateToken();

        return $this->view('Signed out');
    }

    public function payload(Request $request, Chatwoot $chatwoot): Response
    {
        $this->signIn($request);

        return new Response($chatwoot->payload(), 200, ['Content-Type' => 'application/json']);
    }

    private function view(string $title)
    {
        return response()->view('page', ['title' => $title])->header('Cache-Control', 'no-store');
    }

    /** The user of the query (identifier_type=integer: a PHP int), signed into Laravel's session. */
    private function signIn(Request $request): void
    {
        $identifier = $request->query('identifier', '');
        if (!\is_string($identifier)) {
            throw new \ValueError('identifier must be one value');
        }
        if ($request->query('identifier_type', 'string') === 'integer') {
            $identifier = filter_var($identifier, FILTER_VALIDATE_INT);
            if ($identifier === false) {
                throw new \ValueError('identifier_type=integer needs a 64-bit integer');
            }
        }
        $attributes = ['id' => $identifier, 'remember_token' => null];
        foreach (['name', 'email'] as $field) {
            $value = $request->query($field);
            if (\is_string($value) && $value !== '') {
                $attributes[$field] = $value;
            }
        }
        $request->session()->put(QueryUserProvider::SESSION_KEY, $attributes);
        Auth::login(new GenericUser($attributes));
    }
}
