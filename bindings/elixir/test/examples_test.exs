defmodule ChatwootIdentity.ExamplesTest do
  # The scripts in examples/elixir/ that `make example` and `make demo` show.
  use ExUnit.Case, async: true

  import ExUnit.CaptureIO

  @examples Path.expand("../../../examples/elixir", __DIR__)
  @hash "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"

  defp last_line(output), do: output |> String.split("\n", trim: true) |> List.last()

  test "identifier_hash.exs prints the documented hash last, through the binding" do
    output = capture_io(fn -> Code.eval_file(Path.join(@examples, "identifier_hash.exs")) end)
    assert last_line(output) == @hash
  end

  test "the documented :crypto.hmac/3 sample raises UndefinedFunctionError on this OTP" do
    assert String.to_integer(System.otp_release()) >= 24
    {output, 0} = System.cmd("elixir", [Path.join(@examples, "documented_sample.exs")])
    assert output =~ "documented sample fails: UndefinedFunctionError"
    assert output =~ ":crypto.hmac/3 is undefined"
  end

  test "crypto_mac.exs, the working :crypto.mac/4 form, prints the same hash" do
    {output, 0} = System.cmd("elixir", [Path.join(@examples, "crypto_mac.exs")])
    assert last_line(output) == @hash
  end
end
