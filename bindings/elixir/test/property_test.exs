defmodule ChatwootIdentity.PropertyTest do
  # Seeded random and hostile values against Erlang's :crypto.mac (StreamData is on Hex, which
  # this build must not need). FUZZ_SEED fixes the seed (printed on failure, to replay it);
  # FUZZ_EXAMPLES sets the count: a few hundred in `make test`, many more in `make fuzz`.
  use ExUnit.Case, async: true

  import Bitwise
  alias ChatwootIdentity.Key
  alias ChatwootIdentity.Test.Invisible

  @examples String.to_integer(System.get_env("FUZZ_EXAMPLES", "400"))
  @seed String.to_integer(System.get_env("FUZZ_SEED", "20260413"))
  @whitespace ~c" \t\r\n"

  # What the binding must do with a term, restated from the README: binaries as bytes,
  # integers as decimal text, charlists/chardata as UTF-8, everything else :error.
  defp convert(v) when is_binary(v), do: {:ok, v}
  defp convert(v) when is_integer(v), do: {:ok, Integer.to_string(v)}

  defp convert(v) when is_list(v) do
    case :unicode.characters_to_binary(v) do
      b when is_binary(b) -> {:ok, b}
      _ -> :error
    end
  rescue
    ArgumentError -> :error
  end

  defp convert(_), do: :error

  defp expected_hash(secret, identifier) do
    with {:ok, s} <- convert(secret), {:ok, i} <- convert(identifier) do
      cond do
        s == "" ->
          {:error, :empty_secret}

        :binary.first(s) in @whitespace or :binary.last(s) in @whitespace ->
          {:error, :secret_whitespace}

        Invisible.invisible_edge?(s) ->
          {:error, :secret_invisible}

        i == "" ->
          {:error, :empty_identifier}

        true ->
          {:ok, Base.encode16(:crypto.mac(:hmac, :sha256, s, i), case: :lower)}
      end
    else
      :error -> {:error, :badarg}
    end
  end

  # First offending element in list order, as Key.identifier_hashes/2 documents.
  defp expected_batch(secret, ids) do
    ids
    |> Enum.with_index()
    |> Enum.reduce_while({:ok, []}, fn {id, index}, {:ok, acc} ->
      case expected_hash(secret, id) do
        {:ok, h} -> {:cont, {:ok, [h | acc]}}
        {:error, reason} -> {:halt, {:error, {reason, index}}}
      end
    end)
    |> case do
      {:ok, acc} -> {:ok, Enum.reverse(acc)}
      error -> error
    end
  end

  defp bytes(max), do: :rand.bytes(:rand.uniform(max + 1) - 1)

  defp binary_value do
    case :rand.uniform(7) do
      1 -> ""
      2 -> " " <> bytes(20)
      3 -> bytes(20) <> "\n"
      4 -> bytes(300)
      5 -> for(_ <- 1..:rand.uniform(30), into: "", do: <<Enum.random(0x20..0x7E)>>)
      6 -> bytes(70)
      # A sub-binary: a view with an offset into a larger (refc) binary.
      7 -> binary_part(:rand.bytes(200), :rand.uniform(100), :rand.uniform(90))
    end
  end

  defp int_value do
    Enum.random([0, -1, :rand.uniform(1000), -:rand.uniform(1 <<< 40), :rand.uniform(1 <<< 200)])
  end

  defp char_value do
    Enum.random([?a, ?\s, 0xE9, 0x30E6, 0x1F600, 0xD800, 0xDFFF, 0x110000, -5])
  end

  defp list_value do
    base = for _ <- 1..:rand.uniform(12), do: char_value()

    case :rand.uniform(4) do
      1 -> []
      2 -> [base, bytes(5)]
      3 -> [?x | :improper]
      _ -> base
    end
  end

  defp hostile_value do
    Enum.random([
      nil,
      true,
      :atom,
      1.5,
      {:tuple, "x"},
      %{a: 1},
      self(),
      make_ref(),
      fn -> :x end,
      [{}]
    ])
  end

  defp value do
    case :rand.uniform(10) do
      n when n <= 5 -> binary_value()
      6 -> int_value()
      n when n <= 8 -> list_value()
      _ -> hostile_value()
    end
  end

  setup do
    :rand.seed(:exsss, {@seed, 0, 0})
    :ok
  end

  test "random and hostile values agree with :crypto.mac (seed from FUZZ_SEED)" do
    for n <- 1..@examples do
      {secret, identifier} = {value(), value()}
      context = "example #{n}, FUZZ_SEED=#{@seed}: #{inspect(secret)}, #{inspect(identifier)}"
      expected = expected_hash(secret, identifier)
      assert ChatwootIdentity.identifier_hash(secret, identifier) == expected, context

      case expected do
        {:ok, hash} ->
          assert ChatwootIdentity.verify(secret, identifier, hash), context
          assert ChatwootIdentity.verify(secret, identifier, ~c"#{hash}"), context

          refute ChatwootIdentity.verify(secret, identifier, String.upcase(hash)) and
                   hash =~ ~r/[a-f]/,
                 context

          key = Key.new!(secret)
          assert Key.identifier_hash(key, identifier) == expected, context
          assert Key.verify(key, identifier, hash), context
          <<first, rest::binary>> = hash
          refute Key.verify(key, identifier, <<bxor(first, 1)>> <> rest), context

          ids = for _ <- 1..:rand.uniform(5), do: value()

          assert Key.identifier_hashes(key, ids) == expected_batch(secret, ids),
                 context <> " batch #{inspect(ids)}"

        {:error, _} ->
          refute ChatwootIdentity.verify(secret, identifier, String.duplicate("a", 64)), context
      end
    end
  end
end
