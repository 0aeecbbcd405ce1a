defmodule ChatwootIdentity.RenderTest do
  # set_user_script/4, set_user_payload/3, reset_script/1: hostile users, every bad input
  # class, and the payload read back with a JSON parser.
  use ExUnit.Case, async: true
  import Bitwise

  alias ChatwootIdentity.{Error, FieldsJSON, Key}
  alias ChatwootIdentity.Test.JSON

  @secret "your-secret-token-for-hmac"
  @breakout "</script><script>window.__pwned=1</script>"

  setup_all do
    {:ok, key: Key.new!(@secret)}
  end

  defp hmac(identifier),
    do: Base.encode16(:crypto.mac(:hmac, :sha256, @secret, identifier), case: :lower)

  # The JSON object inside the script, between "user = " and "; function".
  defp script_json(script) do
    [_, identifier, user] =
      Regex.run(~r/var identifier = (".*?"), user = (\{.*\}); function/, script)

    {JSON.decode!(identifier), JSON.decode!(user)}
  end

  @users [
    {"breakout", @breakout, @breakout, "a@example.com"},
    {"quotes, & and <b>", ~s(O'Brien "&amp;" <b>&</b>), ~s(O'Brien & "Q" <b>),
     "o'brien@example.com"},
    {"U+2028 and U+2029", "line\u2028sep\u2029para", "Jane\u2028Doe\u2029", "j@example.com"},
    {"non-BMP", "🦄𝕏-𠜎", "Émile 🦄 𝕏", "emile@example.com"},
    {"control characters", "tab\there\nnew\"line\\", "nul\u0000and\u001f", "c@example.com"}
  ]

  for {name, identifier, user_name, email} <- @users do
    @identifier identifier
    @fields %{name: user_name, email: email}
    test "hostile user (#{name}): script is inert HTML, payload round-trips", %{key: key} do
      {:ok, script} = Key.set_user_script(key, @identifier, @fields)
      # The only "</script" is the closing tag; no raw <, U+2028 or U+2029 inside.
      assert String.starts_with?(script, "<script>")
      assert String.ends_with?(script, "</script>")
      inner = binary_part(script, 8, byte_size(script) - 17)
      refute inner =~ "<"
      # The JSON values escape every character that means something to HTML or JS.
      [_, json] = Regex.run(~r/var identifier = (.*); function run/, inner)

      for char <- ["<", ">", "&", "'", "\u2028", "\u2029"] do
        refute json =~ char
      end

      {identifier, user} = script_json(script)
      assert identifier == @identifier

      assert user == %{
               "identifier_hash" => hmac(@identifier),
               "name" => @fields.name,
               "email" => @fields.email
             }

      {:ok, payload} = Key.set_user_payload(key, @identifier, @fields)

      assert JSON.decode!(payload) == %{
               "identifier" => @identifier,
               "identifier_hash" => hmac(@identifier),
               "name" => @fields.name,
               "email" => @fields.email
             }
    end
  end

  test "an integer identifier is emitted as a string of its digits, even above 2^53", %{key: key} do
    for id <- [9_007_199_254_740_993, 42, -7, 123_456_789_012_345_678_901_234_567_890] do
      digits = Integer.to_string(id)
      {:ok, payload} = Key.set_user_payload(key, id, %{"email" => "n@example.com"})
      assert %{"identifier" => ^digits} = decoded = JSON.decode!(payload)
      assert decoded["identifier_hash"] == hmac(digits)
      assert payload =~ ~s("identifier":"#{digits}")
      {:ok, script} = Key.set_user_script(key, id, %{name: "n"})
      assert {^digits, _user} = script_json(script)
    end
  end

  test "fields: atom or string keys, nil is not set, custom_attributes round-trip", %{key: key} do
    fields = %{
      "name" => "Jane",
      email: nil,
      city: "Zürich",
      custom_attributes: %{
        "plan" => "pro",
        seats: 12,
        ratio: 0.25,
        big: 9.007199254740991e15,
        active: false
      }
    }

    {:ok, payload} = Key.set_user_payload(key, "u-1", fields)
    decoded = JSON.decode!(payload)

    assert Map.drop(decoded, ["identifier_hash"]) == %{
             "identifier" => "u-1",
             "name" => "Jane",
             "city" => "Zürich",
             "custom_attributes" => %{
               "plan" => "pro",
               "seats" => 12,
               "ratio" => 0.25,
               "big" => 9.007199254740991e15,
               "active" => false
             }
           }

    # 2^53 and past: a number the JSON readers may already have rounded is refused.
    assert {:error, :invalid_field_value} =
             Key.set_user_payload(key, "u-1", %{name: "Jane", custom_attributes: %{big: 1.0e21}})

    assert Key.set_user_payload(key, "u-1", %{name: "Jane", custom_attributes: nil}) ==
             Key.set_user_payload(key, "u-1", %{name: "Jane"})
  end

  test "nonce: on the script tag; reset_script with and without", %{key: key} do
    nonce = Base.encode64(:crypto.strong_rand_bytes(16))
    {:ok, script} = Key.set_user_script(key, "u", %{name: "n"}, nonce: nonce)
    assert String.starts_with?(script, ~s(<script nonce="#{nonce}">))

    assert Key.set_user_script(key, "u", %{name: "n"}, nonce: nil) ==
             Key.set_user_script(key, "u", %{name: "n"})

    assert {:ok, "<script>" <> _} = ChatwootIdentity.reset_script()
    assert {:ok, reset} = ChatwootIdentity.reset_script(nonce: "abc-_123")
    assert String.starts_with?(reset, ~s(<script nonce="abc-_123">))
    assert reset =~ "$chatwoot.reset()"
    assert ChatwootIdentity.reset_script!() == ChatwootIdentity.reset_script!(nonce: nil)
  end

  test "an identifier that is not valid UTF-8 is :invalid_identifier; a field value :invalid_field_value",
       %{key: key} do
    for bad <- [<<0xFF>>, <<"ab", 0xC3>>, <<0xED, 0xA0, 0x80>>] do
      assert Key.set_user_script(key, bad, %{name: "n"}) == {:error, :invalid_identifier}
      assert Key.set_user_payload(key, bad, %{name: "n"}) == {:error, :invalid_identifier}
      assert Key.set_user_payload(key, "u", %{name: bad}) == {:error, :invalid_field_value}

      assert Key.set_user_payload(key, "u", %{name: "n", custom_attributes: %{"a" => bad}}) ==
               {:error, :invalid_field_value}

      assert Key.set_user_payload(key, "u", %{bad => "n"}) == {:error, :unknown_field}
    end
  end

  test "each bad input class has its own error", %{key: key} do
    cases = [
      # identifier: empty, a type that is no identifier
      {"", %{name: "n"}, [], :empty_identifier},
      {~c"", %{name: "n"}, [], :empty_identifier},
      {1.5, %{name: "n"}, [], :badarg},
      {true, %{name: "n"}, [], :badarg},
      {nil, %{name: "n"}, [], :badarg},
      {:user, %{name: "n"}, [], :badarg},
      # fields: not a map, unknown name, wrong type, no contact field, duplicate name
      {"u", [name: "n"], [], :badarg},
      {"u", nil, [], :badarg},
      {"u", %{{:tuple} => "n"}, [], :badarg},
      {"u", %{name: "n", password: "x"}, [], :unknown_field},
      {"u", %{name: "n", identifier_hash: "x"}, [], :unknown_field},
      {"u", %{name: 42}, [], :invalid_field_value},
      {"u", %{name: :atom}, [], :invalid_field_value},
      {"u", %{name: ["n"]}, [], :invalid_field_value},
      {"u", %{name: {"n"}}, [], :invalid_field_value},
      {"u", %{name: %{first: "n"}}, [], :invalid_field_value},
      {"u", %{name: "n", custom_attributes: %{"a" => %{"b" => 1}}}, [], :invalid_field_value},
      {"u", %{name: "n", custom_attributes: %{"a" => nil}}, [], :invalid_field_value},
      {"u", %{name: "n", custom_attributes: "x"}, [], :invalid_field_value},
      {"u", %{name: "n", custom_attributes: [a: 1]}, [], :invalid_field_value},
      {"u", %{}, [], :missing_contact_field},
      {"u", %{city: "Paris", name: ""}, [], :missing_contact_field},
      {"u", %{:name => "a", "name" => "b"}, [], :invalid_json},
      # options: a nonce with other characters, of another type, an unknown option
      {"u", %{name: "n"}, [nonce: "a b"], :invalid_nonce},
      {"u", %{name: "n"}, [nonce: ~s(x"><script>)], :invalid_nonce},
      {"u", %{name: "n"}, [nonce: 123], :badarg},
      {"u", %{name: "n"}, [nounce: "abc"], :badarg},
      {"u", %{name: "n"}, :nonce, :badarg}
    ]

    for {identifier, fields, opts, reason} <- cases do
      assert {identifier, fields, opts, Key.set_user_script(key, identifier, fields, opts)} ==
               {identifier, fields, opts, {:error, reason}}

      if opts == [] do
        assert {identifier, fields, Key.set_user_payload(key, identifier, fields)} ==
                 {identifier, fields, {:error, reason}}
      end
    end

    assert ChatwootIdentity.reset_script(nonce: "a b") == {:error, :invalid_nonce}
    assert ChatwootIdentity.reset_script(nonce: 1) == {:error, :badarg}
    assert Key.set_user_script(:not_a_key, "u", %{name: "n"}, []) == {:error, :badarg}
    assert Key.set_user_payload(%{}, "u", %{name: "n"}) == {:error, :badarg}
  end

  test "the bang variants raise ChatwootIdentity.Error with the library's message", %{key: key} do
    for {fun, reason} <- [
          {fn -> Key.set_user_script!(key, "u", %{city: "x"}) end, :missing_contact_field},
          {fn -> Key.set_user_payload!(key, "u", %{name: "n", x: 1}) end, :unknown_field},
          {fn -> Key.set_user_script!(key, <<0xFF>>, %{name: "n"}) end, :invalid_identifier},
          {fn -> ChatwootIdentity.reset_script!(nonce: "<") end, :invalid_nonce}
        ] do
      error = assert_raise Error, fun
      assert error.reason == reason
      assert error.message == "#{reason}: #{Error.describe(reason)}"
      assert error.message =~ ~r/^#{reason}: \w/
      refute error.message =~ @secret
    end

    assert Key.set_user_script!(key, "u", %{name: "n"}) =~ "setUser"
    assert JSON.decode!(Key.set_user_payload!(key, "u", %{name: "n"}))["identifier"] == "u"
  end

  test "outputs longer than the first buffer (the retry) and large inputs (dirty scheduler)",
       %{key: key} do
    for size <- [1_000, 5_000, 200_000] do
      name = String.duplicate("é<", size)
      {:ok, payload} = Key.set_user_payload(key, "u", %{name: name})
      assert JSON.decode!(payload)["name"] == name
      {:ok, script} = Key.set_user_script(key, "u", %{name: name})
      assert {"u", %{"name" => ^name}} = script_json(script)
    end
  end

  test "the fields encoder writes JSON that the core and a JSON parser read back" do
    :rand.seed(:exsss, {1, 2, 3})

    for _ <- 1..300 do
      text = for _ <- 1..:rand.uniform(12), into: "", do: <<random_char()::utf8>>
      number = :rand.uniform(1 <<< 62) - (1 <<< 61)
      float = :rand.normal() * :math.pow(10, :rand.uniform(40) - 20)

      fields = %{
        "name" => text,
        "custom_attributes" => %{"t" => text, "n" => number, "f" => float}
      }

      {:ok, json} = FieldsJSON.encode(fields)
      assert JSON.decode!(IO.iodata_to_binary(json)) == fields
    end
  end

  defp random_char do
    case :rand.uniform(5) do
      1 -> :rand.uniform(0x20) - 1
      2 -> Enum.random(~c"\"\\/<>&'")
      3 -> Enum.random([0x2028, 0x2029, 0xFFFD, 0x10FFFF, 0x1F984])
      _ -> 0x20 + :rand.uniform(0x7F - 0x20)
    end
  end
end
