# frozen_string_literal: true

require_relative "test_helper"

# The framework-free widget behind the Rails and Sinatra helpers.
class WidgetTest < Minitest::Test
  include TestSupport

  def widget(**options)
    ChatwootIdentity::Widget.new(base_url: "https://chat.example.com/", website_token: "tok",
                                 hmac_token: SECRET, **options)
  end

  def test_renders_loader_run_and_the_verified_set_user
    html = widget.html(user: { identifier: 42, name: "Ada", email: "", phone_number: nil })
    assert_includes html, %(<script src="https://chat.example.com/packs/js/sdk.js"></script>)
    assert_includes html, %(<script>window.chatwootSDK.run({"websiteToken":"tok","baseUrl":"https://chat.example.com"});</script>)
    assert_includes html, openssl_hash(SECRET, "42")
    assert_includes html, %("42")
    refute_includes html, "email", "empty fields are left out"
    refute_includes html, "chatwootSettings"
  end

  def test_settings_nonce_and_reset
    html = widget(settings: { locale: "de", launcher_title: "</script><b>" }).html(reset: true, nonce: "abc+/=")
    assert_includes html, %(<script nonce="abc+/=">window.chatwootSettings = {"locale":"de","launcherTitle":"\\u003c/script\\u003e\\u003cb\\u003e"};</script>)
    assert_equal 4, html.scan(%(nonce="abc+/=")).size, "every script carries the nonce"
    assert_includes html, "reset()"
    refute_includes widget.html(user: nil), "reset()"
  end

  def test_payload_and_bad_configuration
    assert_equal openssl_hash(SECRET, "7"), JSON.parse(widget.payload({ "identifier" => 7, "name" => "x" }))["identifier_hash"]
    assert_raises(ChatwootIdentity::UnknownFieldError) { widget.payload({ identifier: 1, name: "x", password: "p" }) }
    assert_raises(ChatwootIdentity::SecretWhitespaceError) { widget(hmac_token: "#{SECRET}\n") }
    assert_raises(ArgumentError) { ChatwootIdentity::Widget.new(base_url: "javascript:alert(1)", website_token: "t", hmac_token: SECRET) }
    assert_raises(ArgumentError) { widget(settings: { colour: "red" }) }
    refute_includes widget.inspect, SECRET
  end
end
