defmodule ChatwootIdentity.WidgetTest do
  # The widget tag through EEx (Phoenix's {:safe, iodata} convention, rendered the way a
  # template engine inserts it), with the nonce, logout, several inboxes and the payload.
  use ExUnit.Case, async: true

  import ExUnit.CaptureLog

  alias ChatwootIdentity.Widget

  @secret "s3cr3t-RECOGNISABLE-hmac-token"
  @config [
    base_url: "https://chat.example.com/",
    website_token: "web-token",
    hmac_token: @secret,
    settings: %{locale: "fr", launcherTitle: "</script><b>"},
    inboxes: [
      support: [website_token: "site-b", hmac_token: {:system, "WIDGET_TEST_OTHER_TOKEN"}]
    ]
  ]

  # What a Phoenix.HTML engine does with {:safe, iodata}: inserts it as is.
  defp eex(template, assigns) do
    EEx.eval_string(template, assigns: assigns)
  end

  defp safe({:safe, iodata}), do: IO.iodata_to_binary(iodata)

  test "the tag in an EEx layout: settings, loader, run call and the verified user" do
    user = %{
      id: 42,
      first_name: "Jane",
      last_name: "</script><script>alert(1)</script>",
      email: "j@x.org"
    }

    page = eex("<body><%= @widget %></body>", widget: safe(Widget.tag(user, config: @config)))
    hash = ChatwootIdentity.identifier_hash!(@secret, "42")

    for want <- [
          ~s(<script src="https://chat.example.com/packs/js/sdk.js"></script>),
          ~s|window.chatwootSDK.run({"baseUrl":"https://chat.example.com","websiteToken":"web-token"});|,
          ~s|window.chatwootSettings = {"launcherTitle":"\\u003c/script\\u003e\\u003cb\\u003e","locale":"fr"};|,
          ~s(var identifier = "42"),
          hash
        ] do
      assert page =~ want
    end

    assert length(String.split(page, "<script")) == length(String.split(page, "</script>"))
  end

  test "anonymous: the loader only; a nonce on every script; a bad nonce is refused" do
    page = safe(Widget.tag(nil, config: @config, nonce: "abc+/="))
    refute page =~ "setUser"
    scripts = Regex.scan(~r/<script[^>]*>/, page) |> List.flatten()
    assert length(scripts) == 3
    assert Enum.all?(scripts, &(&1 =~ ~s(nonce="abc+/=")))

    log =
      capture_log(fn ->
        assert_raise ChatwootIdentity.Error, ~r/invalid_nonce/, fn ->
          Widget.tag(%{id: 1, name: "J"}, config: @config, nonce: ~s|x" onload="alert(1)|)
        end
      end)

    refute log =~ @secret
  end

  test "logout renders the reset script instead of the user" do
    page = Widget.html(%{id: 7, name: "J"}, config: @config, reset: true)
    assert page =~ "$chatwoot.reset()"
    refute page =~ "setUser"
  end

  test "the user mapping: integer ids as strings, a configured mapper" do
    assert Widget.user(%{id: 5, name: "N", email: "", phone_number: "+1"}, @config) ==
             {5, %{name: "N", phone_number: "+1"}}

    config = Keyword.put(@config, :user, fn u -> {"u-#{u.uid}", %{email: u.mail}} end)
    {:ok, json} = Widget.payload(%{uid: 3, mail: "m@x.org"}, config: config)
    assert json =~ ~s("identifier":"u-3")
    assert json =~ ChatwootIdentity.identifier_hash!(@secret, "u-3")
    assert Widget.payload(nil, config: @config) == {:error, :anonymous}
  end

  test "several inboxes, the secret read from the environment" do
    System.put_env("WIDGET_TEST_OTHER_TOKEN", "other-token")
    page = Widget.html(%{id: 9, name: "N"}, config: @config, inbox: :support)
    assert page =~ "site-b"
    assert page =~ ChatwootIdentity.identifier_hash!("other-token", "9")
  end

  test "a refused user raises, logs one line without the secret" do
    log =
      capture_log(fn ->
        error =
          assert_raise ChatwootIdentity.Error, fn ->
            Widget.tag(%{id: 1, city: "x"}, config: @config)
          end

        assert error.reason == :missing_contact_field
        refute inspect(error) =~ @secret
      end)

    assert log =~ "chatwoot_identity: cannot render the Chatwoot widget"
    refute log =~ @secret

    log =
      capture_log(fn ->
        Widget.render(%{id: 1, name: "J"},
          config: Keyword.put(@config, :hmac_token, " " <> @secret)
        )
      end)

    assert log =~ "secret_whitespace"
    refute log =~ @secret
  end
end
