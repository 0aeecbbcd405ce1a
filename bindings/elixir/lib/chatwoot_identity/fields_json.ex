defmodule ChatwootIdentity.FieldsJSON do
  # Encodes the user's fields for the render calls: one JSON object, from a map with atom or
  # string keys. Only the value types a Chatwoot contact can hold are encoded (strings,
  # integers, floats, booleans, nil, and one level of map for custom_attributes); the
  # library then checks the names, the types per field and the contact field, and re-emits
  # the JSON escaped for HTML, so this encoder only has to be correct, not HTML-safe.
  # (OTP 25 has no JSON module and this package takes no Hex dependency.)
  @moduledoc false

  @spec encode(term()) ::
          {:ok, iodata()}
          | {:error, {:badarg, String.t()} | :unknown_field | :invalid_field_value}
  def encode(fields) when is_map(fields) and not is_struct(fields), do: object(fields, 1)
  def encode(_fields), do: {:error, {:badarg, "fields"}}

  # depth 1: the fields; depth 0: a custom_attributes object, which holds scalars only.
  defp object(map, depth) do
    Enum.reduce_while(map, {:ok, []}, fn {key, value}, {:ok, acc} ->
      with {:ok, key} <- key(key),
           {:ok, value} <- value(value, depth) do
        separator = if acc == [], do: [], else: ","
        {:cont, {:ok, [acc, separator, string(key), ":", value]}}
      else
        error -> {:halt, error}
      end
    end)
    |> case do
      {:ok, members} -> {:ok, ["{", members, "}"]}
      error -> error
    end
  end

  defp key(key) when is_atom(key) and key not in [nil, true, false],
    do: {:ok, Atom.to_string(key)}

  defp key(key) when is_binary(key) do
    if String.valid?(key), do: {:ok, key}, else: {:error, :unknown_field}
  end

  defp key(_key), do: {:error, {:badarg, "fields key"}}

  defp value(nil, _depth), do: {:ok, "null"}
  defp value(true, _depth), do: {:ok, "true"}
  defp value(false, _depth), do: {:ok, "false"}
  defp value(integer, _depth) when is_integer(integer), do: {:ok, Integer.to_string(integer)}
  # The shortest text that reads back as the same double; the BEAM has no NaN or infinity.
  defp value(float, _depth) when is_float(float), do: {:ok, Float.to_string(float)}

  defp value(text, _depth) when is_binary(text) do
    if String.valid?(text), do: {:ok, string(text)}, else: {:error, :invalid_field_value}
  end

  defp value(map, 1) when is_map(map) and not is_struct(map), do: object(map, 0)
  defp value(_other, _depth), do: {:error, :invalid_field_value}

  defp string(text), do: [?", escape(text, 0, text, []), ?"]

  # Copies runs of plain bytes as sub-binaries; escapes ", \ and the control characters.
  defp escape(<<c, rest::binary>>, run, text, acc) when c < 0x20 or c in [?", ?\\] do
    start = byte_size(text) - byte_size(rest) - 1 - run
    acc = [acc, binary_part(text, start, run), escaped(c)]
    escape(rest, 0, text, acc)
  end

  defp escape(<<_c, rest::binary>>, run, text, acc), do: escape(rest, run + 1, text, acc)
  defp escape(<<>>, run, text, acc), do: [acc, binary_part(text, byte_size(text) - run, run)]

  defp escaped(?"), do: "\\\""
  defp escaped(?\\), do: "\\\\"
  defp escaped(?\n), do: "\\n"
  defp escaped(?\r), do: "\\r"
  defp escaped(?\t), do: "\\t"
  defp escaped(c), do: ["\\u00", Base.encode16(<<c>>)]
end
