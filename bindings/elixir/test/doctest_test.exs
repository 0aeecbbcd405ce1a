defmodule ChatwootIdentity.DoctestTest do
  use ExUnit.Case, async: true

  doctest ChatwootIdentity
  doctest ChatwootIdentity.Key
  doctest ChatwootIdentity.Error
  doctest ChatwootIdentity.Explanation
end
