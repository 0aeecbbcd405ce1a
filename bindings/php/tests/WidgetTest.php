<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Exception\SecretWhitespaceException;
use ChatwootIdentity\Twig\ChatwootExtension;
use ChatwootIdentity\Widget\Inbox;
use ChatwootIdentity\Widget\User;
use ChatwootIdentity\Widget\Widget;
use PHPUnit\Framework\TestCase;

/** The framework-neutral widget (loader, settings, run, reset, setUser) and the Twig extension. */
final class WidgetTest extends TestCase
{
    private const BASE = 'https://chat.example.com';
    private const TOKEN = 'website-token-1';
    private const SECRET = 'cw-widget-secret-93ab1';

    public function testTheWholeWidgetForASignedInUser(): void
    {
        $html = Widget::html(new Inbox(self::BASE, self::TOKEN, self::SECRET), ['id' => 42, 'name' => 'Jane', 'email' => 'jane@example.com'], null);
        self::assertStringStartsWith('<script src="https://chat.example.com/packs/js/sdk.js"></script>' . "\n" . '<script>window.chatwootSDK.run({"websiteToken":"website-token-1","baseUrl":"https://chat.example.com"});</script>', $html);
        self::assertStringContainsString('var identifier = "42"', $html, 'an integer id is a string');
        self::assertStringContainsString(hash_hmac('sha256', '42', self::SECRET), $html);
        self::assertStringNotContainsString(self::SECRET, $html);
        self::assertStringNotContainsString('reset()', $html);
        self::assertSame(3, substr_count($html, '<script'));
    }

    public function testNoUserNoSetUserAndResetComesFirst(): void
    {
        $inbox = new Inbox(self::BASE, self::TOKEN, self::SECRET);
        self::assertSame(2, substr_count(Widget::html($inbox, null), '<script'));
        $html = Widget::html($inbox, new User('u-2', ['name' => 'Bob']), null, true);
        self::assertLessThan(strpos($html, 'setUser('), strpos($html, 'reset()'), 'the old contact is reset before the new user signs in');
        self::assertStringNotContainsString('setUser(', Widget::html(new Inbox(self::BASE, self::TOKEN), ['id' => 1, 'name' => 'x']), 'no HMAC token: no user is sent');
    }

    public function testEveryScriptCarriesTheNonce(): void
    {
        $html = Widget::html(new Inbox(self::BASE, self::TOKEN, self::SECRET, ['locale' => 'fr']), ['id' => 'u', 'name' => 'n'], 'abc-_123', true);
        self::assertSame(4, substr_count($html, '<script'));
        self::assertSame(4, substr_count($html, '<script nonce="abc-_123"'));
        self::assertStringContainsString('window.chatwootSettings = {"locale":"fr"};', $html);
    }

    public function testConfigurationValuesAreEscapedForTheirPlace(): void
    {
        $html = Widget::html(new Inbox('https://x.test/"><script>alert(1)</script>', "</script><script>alert(2)</script>", null, ['launcherTitle' => "</script>'&"]));
        self::assertSame(2, substr_count($html, '<script'), $html);
        self::assertStringContainsString('\u003C/script\u003E\u0027\u0026', $html);
        self::assertStringContainsString('src="https://x.test/&quot;&gt;&lt;script&gt;', $html);
    }

    public function testTheDefaultUserMapping(): void
    {
        $model = new class () {
            public string $name = 'Ann';
            public ?string $email = null;
            public string $avatar = 'https://a.test/p.png';
            public string $phone = '+15550100';

            public function getAuthIdentifier(): int
            {
                return 9007199254740993;
            }
        };
        $user = User::from($model);
        self::assertSame(9007199254740993, $user?->identifier);
        self::assertSame(['name' => 'Ann', 'avatar_url' => 'https://a.test/p.png', 'phone_number' => '+15550100'], $user->fields);
        self::assertNull(User::from(null));
        $this->expectException(\UnexpectedValueException::class);
        User::from(['name' => 'no id']);
    }

    public function testThePayload(): void
    {
        $payload = json_decode(Widget::payload(new Inbox(self::BASE, self::TOKEN, self::SECRET), ['id' => 7, 'email' => 'e@x.test']), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame(['identifier' => '7', 'identifier_hash' => hash_hmac('sha256', '7', self::SECRET), 'email' => 'e@x.test'], $payload);
    }

    public function testTheInboxNeverShowsItsToken(): void
    {
        $inbox = new Inbox(self::BASE, self::TOKEN, self::SECRET);
        self::assertStringNotContainsString(self::SECRET, print_r($inbox, true) . var_export((array) $inbox, true));
        ob_start();
        var_dump($inbox);
        self::assertStringNotContainsString(self::SECRET, (string) ob_get_clean());
        try {
            serialize($inbox);
            self::fail('serialized');
        } catch (\LogicException $e) {
            self::assertStringNotContainsString(self::SECRET, $e->getMessage());
        }
        $ignore = ini_set('zend.exception_ignore_args', '0');
        try {
            new Inbox(self::BASE, self::TOKEN, self::SECRET . "\n");
            self::fail('accepted');
        } catch (SecretWhitespaceException $e) {
            self::assertStringNotContainsString(self::SECRET, $e->getTraceAsString() . print_r(array_column($e->getTrace(), 'args'), true));
        } finally {
            ini_set('zend.exception_ignore_args', (string) $ignore);
        }
    }

    public function testTheTwigFunctionIsSafeHtmlUnderAutoescape(): void
    {
        self::loadTwig();
        $nonce = 'n0nce';
        $loggedOut = false;
        $twig = new \Twig\Environment(new \Twig\Loader\ArrayLoader([
            'page' => '<p>{{ title }}</p>{{ chatwoot_widget() }}',
            'other' => '{{ chatwoot_widget("support") }}',
        ]), ['autoescape' => 'html', 'strict_variables' => true]);
        $twig->addExtension(new ChatwootExtension(
            ['default' => new Inbox(self::BASE, self::TOKEN, self::SECRET), 'support' => new Inbox(self::BASE, 'support-token')],
            currentUser: static fn () => ['id' => 5, 'name' => '<b>Bo</b>'],
            nonce: static function () use (&$nonce): ?string {
                return $nonce;
            },
            loggedOut: static function () use (&$loggedOut): bool {
                return $loggedOut;
            },
        ));
        $html = $twig->render('page', ['title' => '<i>']);
        self::assertStringStartsWith('<p>&lt;i&gt;</p><script nonce="n0nce" src=', $html, 'the page is escaped, the widget is not escaped twice');
        self::assertStringContainsString('var identifier = "5"', $html);
        self::assertStringContainsString('\u003cb\u003eBo', $html);
        $loggedOut = true;
        $nonce = null;
        $afterLogout = $twig->render('page', ['title' => '']);
        self::assertMatchesRegularExpression('~<script>\(function \(w\) \{ function run\(\) \{[^<]* w\.\$chatwoot\.reset\(\);~', $afterLogout, 'the reset script, without a nonce');
        $reset = strpos($afterLogout, 'w.$chatwoot.reset();');
        $setUser = strpos($afterLogout, 'w.$chatwoot.setUser(');
        self::assertTrue($setUser === false || $reset < $setUser, 'the reset runs before any setUser');
        $other = $twig->render('other');
        self::assertStringContainsString('"websiteToken":"support-token"', $other);
        self::assertStringNotContainsString('setUser(', $other, 'the support inbox has no HMAC token');
    }

    private static function loadTwig(): void
    {
        if (!class_exists(\Twig\Environment::class)) {
            $autoload = '/usr/share/php/Twig/autoload.php';
            if (!is_file($autoload)) {
                throw new \RuntimeException("the Twig tests need Twig 3 (Debian: apt-get install php-twig): $autoload is missing");
            }
            require_once $autoload;
        }
    }
}
