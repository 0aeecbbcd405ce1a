defmodule ChatwootIdentity.LoadError do
  @moduledoc """
  Raised by every function of the package when its NIF could not be loaded: the file is
  missing, is not a regular file, is damaged (a partial copy), was built for another machine,
  or the runtime refused it. `path` is the NIF's file and `message` says what is wrong with
  it and what to do (usually `mix deps.compile chatwoot_identity --force`).
  """
  defexception [:path, :message]
end
