defmodule ChatwootIdentity.ErrorsTest do
  # Errors name the argument that is wrong and the types it takes, a bad explain candidate by
  # its list and index; no error, trace or inspection ever shows a secret.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Key}

  @secret "s3cr3t-RECOGNISABLE-inbox-token"

  defp raised(fun) do
    fun.()
    flunk("expected ChatwootIdentity.Error")
  rescue
    e in Error -> e
  end

  describe "the bad-fields message names the types fields take" do
    setup do: %{key: Key.new!("your-secret-token-for-hmac")}

    test "fields that are not a map", %{key: key} do
      for fields <- [[name: "Jane"], "name=Jane", nil, %URI{}] do
        assert Key.set_user_script(key, "42", fields) == {:error, :badarg}
        e = raised(fn -> Key.set_user_script!(key, "42", fields) end)
        assert e.argument == "fields"

        assert e.message ==
                 "badarg: fields: expected a map (not a struct) with atom or string keys"

        refute e.message =~ "charlist"
      end
    end

    test "a field name that is not an atom or a string", %{key: key} do
      for fields <- [%{1 => "x", name: "J"}, %{nil => "x", name: "J"}, %{{:a} => 1}] do
        e = raised(fn -> Key.set_user_payload!(key, "42", fields) end)

        assert e.message =~
                 "fields key: expected an atom other than nil, true and false, or a string"
      end
    end

    test "the identifier, the nonce, the options and the key", %{key: key} do
      e = raised(fn -> Key.set_user_script!(key, 1.5, %{name: "J"}) end)

      assert e.message =~
               "render identifier: expected a non-empty UTF-8 binary, an integer or a charlist"

      e = raised(fn -> Key.set_user_script!(key, "42", %{name: "J"}, nonce: 7) end)
      assert e.message =~ "nonce: expected a binary of base64 or base64url characters, or nil"
      e = raised(fn -> Key.set_user_script!(key, "42", %{name: "J"}, nonse: "abc") end)
      assert e.message =~ "options: expected a keyword list"
      e = raised(fn -> Key.set_user_script!(:not_a_key, "42", %{name: "J"}) end)
      assert e.message =~ "key: expected a ChatwootIdentity.Key"
      e = raised(fn -> ChatwootIdentity.reset_script!(nonce: true) end)
      assert e.message =~ "nonce: expected"
    end
  end

  describe "explain's candidate lists" do
    test "a bad entry is reported with its index, never its value" do
      hash = ChatwootIdentity.identifier_hash!("other", "42")

      assert ChatwootIdentity.explain(@secret, "42", hash, other_secrets: ["a", "b", "c", 3.5]) ==
               {:error, {:badarg, {:other_secrets, 3}}}

      assert ChatwootIdentity.explain(@secret, "42", hash, other_identifiers: [~c"x", %{}]) ==
               {:error, {:badarg, {:other_identifiers, 1}}}

      e =
        raised(fn ->
          ChatwootIdentity.explain!(@secret, "42", hash, other_secrets: ["ok", {@secret}])
        end)

      assert e.message ==
               "badarg: other_secrets[1]: expected a binary, an integer or a charlist (valid Unicode)"

      assert e.index == 1
      refute inspect(e) =~ @secret

      e = raised(fn -> ChatwootIdentity.explain!(@secret, "42", hash, other_secrets: @secret) end)
      assert e.message =~ "other_secrets: expected a list"

      e =
        raised(fn -> ChatwootIdentity.explain!(@secret, "42", hash, other_secret: [@secret]) end)

      assert e.message =~ "options:"
    end
  end

  # Every entry point that takes a secret, with every kind of bad input beside it: the
  # returned value, the exception, its formatted trace and the Key's inspection never show it.
  test "no secret in any error, trace or inspection" do
    secret = @secret
    bad = [nil, 1.5, :atom, {secret}, [secret, :x], %{}, "", " padded", <<0xFF>>]

    calls =
      for other <- bad do
        [
          fn -> ChatwootIdentity.identifier_hash(secret, other) end,
          fn -> ChatwootIdentity.identifier_hash!(secret, other) end,
          fn -> ChatwootIdentity.identifier_hash!(other, "42") end,
          fn -> ChatwootIdentity.verify(secret, other, other) end,
          fn -> Key.new(other) end,
          fn -> Key.new!(secret <> "\n") end,
          fn -> Key.identifier_hash!(Key.new!(secret), other) end,
          fn -> Key.identifier_hashes!(Key.new!(secret), ["1", other]) end,
          fn -> Key.set_user_script!(Key.new!(secret), other, %{name: other}) end,
          fn -> Key.set_user_payload!(Key.new!(secret), "42", other) end,
          fn -> ChatwootIdentity.explain!(secret, other, "x") end,
          fn -> ChatwootIdentity.explain!(secret, "42", "x", other_secrets: [secret, other]) end,
          fn -> ChatwootIdentity.explain!(other, "42", "x", other_secrets: [secret]) end,
          fn -> ChatwootIdentity.explain!(secret, "42", "x", other_identifiers: other) end
        ]
      end

    for call <- List.flatten(calls) do
      text =
        try do
          inspect(call.(), limit: :infinity, printable_limit: :infinity)
        rescue
          e -> Exception.format(:error, e, __STACKTRACE__) <> inspect(e, structs: false)
        end

      refute text =~ secret, text
    end

    key = Key.new!(secret)
    refute inspect(key, structs: false, limit: :infinity) =~ secret
    refute inspect(key) =~ secret
  end

  test "a crash in a caller's process reports no secret" do
    Process.flag(:trap_exit, true)
    pid = spawn_link(fn -> ChatwootIdentity.identifier_hash!(@secret, nil) end)
    assert_receive {:EXIT, ^pid, {%Error{reason: :badarg}, _stack} = reason}
    refute Exception.format_exit(reason) =~ @secret
  end
end
