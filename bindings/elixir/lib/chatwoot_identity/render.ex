defmodule ChatwootIdentity.Render do
  # Checks and converts the render calls' arguments before the NIF call: the identifier as
  # UTF-8 text (integers as decimal digits), the fields as JSON, the nonce option.
  @moduledoc false

  alias ChatwootIdentity.{FieldsJSON, Input}

  @spec identifier(term()) :: {:ok, binary()} | {:error, atom()}
  def identifier(""), do: {:error, :empty_identifier}

  def identifier(identifier) when is_binary(identifier) do
    if String.valid?(identifier), do: {:ok, identifier}, else: {:error, :invalid_identifier}
  end

  def identifier(identifier) when is_integer(identifier),
    do: {:ok, Integer.to_string(identifier)}

  # A charlist, as everywhere in this package; floats, booleans, nil and the rest are badarg.
  def identifier(identifier) when is_list(identifier) and identifier != [] do
    case Input.to_binary(identifier) do
      {:ok, binary} -> identifier(binary)
      :error -> {:error, {:badarg, "render identifier"}}
    end
  end

  def identifier([]), do: {:error, :empty_identifier}
  def identifier(_other), do: {:error, {:badarg, "render identifier"}}

  @spec fields(term()) :: {:ok, binary()} | {:error, atom()}
  def fields(fields) do
    case FieldsJSON.encode(fields) do
      {:ok, json} -> {:ok, IO.iodata_to_binary(json)}
      error -> error
    end
  end

  @doc "The `nonce:` option (absent or nil: none) as the NIF takes it (`\"\"`: none)."
  @spec nonce(term()) :: {:ok, binary()} | {:error, {:badarg, String.t()}}
  def nonce(opts) when is_list(opts) do
    if Keyword.keyword?(opts) and Keyword.keys(opts) -- [:nonce] == [] do
      case Keyword.get(opts, :nonce) do
        nil -> {:ok, ""}
        nonce when is_binary(nonce) -> {:ok, nonce}
        _other -> {:error, {:badarg, "nonce"}}
      end
    else
      {:error, {:badarg, "options"}}
    end
  end

  def nonce(_opts), do: {:error, {:badarg, "options"}}
end
