defmodule ChatwootIdentity.Test.Invisible do
  # What the library refuses at either end of a secret, restated from Elixir's and PCRE's own
  # Unicode data so the tests judge the core independently: a non-ASCII White_Space character
  # (String.trim/1 removes exactly those), a format character (PCRE's \p{Cf}), or a
  # default-ignorable code point.
  @moduledoc false

  # Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt) beyond category Cf, and
  # Cf characters newer than OTP 25's PCRE tables (U+08E2 of Unicode 9, U+110CD of Unicode 11,
  # U+0890..U+0891 of Unicode 14, the Egyptian hieroglyph format controls of Unicode 12 and 15).
  @ignorable [
    0x034F..0x034F,
    0x115F..0x1160,
    0x17B4..0x17B5,
    0x180B..0x180F,
    0x2065..0x2065,
    0x3164..0x3164,
    0xFE00..0xFE0F,
    0xFFA0..0xFFA0,
    0xFFF0..0xFFF8,
    0xE0000..0xE0FFF,
    0x0890..0x0891,
    0x08E2..0x08E2,
    0x110CD..0x110CD,
    0x13430..0x1343F
  ]

  # Characters refused at either end of a secret (and hashed inside one).
  @invisibles [
    "\uFEFF",
    "\u00A0",
    "\u200B",
    "\u200C",
    "\u200D",
    "\u2060",
    "\u3000",
    "\u2028",
    "\u2029",
    "\u1680",
    "\u2000",
    "\u2005",
    "\u200A",
    "\u202F",
    "\u205F",
    "\u0085",
    "\u00AD",
    "\u200E",
    "\u202E",
    "\u180E",
    "\uFE0F",
    "\u{E0020}",
    "\u{E0001}"
  ]

  def invisibles, do: @invisibles

  @doc "A non-ASCII Unicode whitespace, format (Cf) or default-ignorable code point."
  def invisible?(code) when code > 0x7F do
    char = <<code::utf8>>

    String.trim(char) == "" or Regex.match?(~r/\A\p{Cf}\z/u, char) or
      Enum.any?(@ignorable, &(code in &1))
  end

  def invisible?(_code), do: false

  @doc """
  True when the secret's first or last character, where the 1 to 4 bytes at that edge are
  UTF-8, is invisible. Bytes that are not UTF-8 are raw key bytes.
  """
  def invisible_edge?(secret) when is_binary(secret) do
    Enum.any?([edge(secret, :first), edge(secret, :last)], &(&1 != nil and invisible?(&1)))
  end

  defp edge(secret, which) do
    Enum.find_value(1..min(byte_size(secret), 4)//1, fn n ->
      part =
        if which == :first,
          do: binary_part(secret, 0, n),
          else: binary_part(secret, byte_size(secret) - n, n)

      if String.valid?(part) do
        part
        |> String.to_charlist()
        |> then(&if(which == :first, do: hd(&1), else: List.last(&1)))
      end
    end)
  end
end
