defmodule ChatwootIdentity.Input do
  # Turns what Elixir users pass into the bytes the library hashes: binaries as they are,
  # integers as their decimal string (as Chatwoot's server does), charlists as UTF-8.
  @moduledoc false

  @spec to_binary(term()) :: {:ok, binary()} | :error
  def to_binary(value) when is_binary(value), do: {:ok, value}
  def to_binary(value) when is_integer(value), do: {:ok, Integer.to_string(value)}

  def to_binary(value) when is_list(value) do
    case :unicode.characters_to_binary(value) do
      binary when is_binary(binary) -> {:ok, binary}
      _incomplete_or_error -> :error
    end
  rescue
    # characters_to_binary raises on an element that is not a character at all.
    ArgumentError -> :error
  end

  def to_binary(_other), do: :error

  @doc """
  Converts every element, or names the first one that cannot be hashed: not convertible
  (`:badarg`) or empty (`:empty_identifier`), in list order, as the NIF does for binaries.
  """
  @spec to_binaries(term()) ::
          {:ok, [binary()]}
          | {:error, {:badarg | :empty_identifier, non_neg_integer()} | :badarg}
  def to_binaries(list), do: to_binaries(list, 0, [])

  defp to_binaries([], _index, acc), do: {:ok, :lists.reverse(acc)}

  defp to_binaries([value | rest], index, acc) do
    case to_binary(value) do
      {:ok, ""} -> {:error, {:empty_identifier, index}}
      {:ok, binary} -> to_binaries(rest, index + 1, [binary | acc])
      :error -> {:error, {:badarg, index}}
    end
  end

  # Not a list, or an improper one.
  defp to_binaries(_other, _index, _acc), do: {:error, :badarg}

  @doc """
  Converts every element of a proper list (empty ones included), or names the first that
  cannot be converted by its index (`{:error, 3}`), or `{:error, :not_a_list}`.
  """
  @spec to_binary_list(term()) :: {:ok, [binary()]} | {:error, non_neg_integer() | :not_a_list}
  def to_binary_list(list), do: to_binary_list(list, 0, [])

  defp to_binary_list([], _index, acc), do: {:ok, :lists.reverse(acc)}

  defp to_binary_list([value | rest], index, acc) do
    case to_binary(value) do
      {:ok, binary} -> to_binary_list(rest, index + 1, [binary | acc])
      :error -> {:error, index}
    end
  end

  defp to_binary_list(_other, _index, _acc), do: {:error, :not_a_list}
end
