<?php

declare(strict_types=1);

/** The page around the snippet: the widget's loader and its run() call, each with the nonce. */
function page(string $title, string $snippet, string $baseUrl, string $websiteToken, ?string $nonce = null): string
{
    $attr = $nonce === null ? '' : ' nonce="' . htmlspecialchars($nonce) . '"';
    $config = json_encode(
        ['websiteToken' => $websiteToken, 'baseUrl' => $baseUrl],
        JSON_THROW_ON_ERROR | JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES
    );
    $loader = htmlspecialchars($baseUrl . '/packs/js/sdk.js');
    $title = htmlspecialchars($title);

    return <<<HTML
        <!doctype html>
        <html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>$title</title></head><body>
        <h1>$title</h1>
        <script$attr src="$loader"></script>
        <script$attr>window.chatwootSDK.run($config);</script>
        $snippet
        </body></html>

        HTML;
}

function send_html(string $html): void
{
    header('Content-Type: text/html; charset=utf-8');
    echo $html;
}
